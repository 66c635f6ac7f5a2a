namespace CrmCadenceSync.Worker.Scheduling;

/// <summary>The clustered scheduler that instances on one PostgreSQL database share (its rows in Quartz's tables carry this name).</summary>
public static class ClusterSchedule
{
    public const string SchedulerName = "crmcadencesync-cluster";
}
