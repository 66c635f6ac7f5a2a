namespace CrmCadenceSync.Core.Crm.Schema;

public enum SchemaSeverity
{
    /// <summary>A cadence cannot run correctly without it (score, opt-out, the status fields we write): start-up stops.</summary>
    Required,

    /// <summary>A merge field templates may use: left out of the reads, with one warning.</summary>
    Optional,

    /// <summary>
    /// One of the connector's own fields, which its set-up creates at start-up (the token may): nothing to do before
    /// the first start. Missing after set-up ran, it counts as required.
    /// </summary>
    CreatedAtStartup,
}
