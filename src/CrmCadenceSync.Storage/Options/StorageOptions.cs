using System.ComponentModel.DataAnnotations;

namespace CrmCadenceSync.Storage.Options;

public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>For SQLite a relative <c>Data Source</c> is under the content root.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Storage:ConnectionString is required.")]
    public string ConnectionString { get; set; } = "Data Source=data/crmcadencesync.db";
}
