using System.ComponentModel.DataAnnotations;

namespace CrmCadenceSync.Storage.Options;

/// <summary>How instances sharing one PostgreSQL database tell themselves apart and share due work.</summary>
public sealed class ClusterOptions
{
    public const string SectionName = "Cluster";

    /// <summary>Names this instance on the rows it claims and in Quartz's cluster; unique among running instances.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Cluster:InstanceId is required.")]
    [MaxLength(128, ErrorMessage = "Cluster:InstanceId must be at most 128 characters.")]
    public string InstanceId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>How long a claim on due work lasts; work an instance claimed and never finished waits this long for another.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Cluster:LeaseLength must be between 1 second and 1 hour.")]
    public TimeSpan LeaseLength { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the clustered Quartz scheduler records that this instance is alive; a dead one's jobs move after about twice this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Cluster:CheckinInterval must be between 1 second and 10 minutes.")]
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(10);
}
