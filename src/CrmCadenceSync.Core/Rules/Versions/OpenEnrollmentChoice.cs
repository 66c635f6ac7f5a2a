namespace CrmCadenceSync.Core.Rules.Versions;

/// <summary>What a rule-set activation does with the enrollments already running.</summary>
public enum OpenEnrollmentChoice
{
    /// <summary>They move to the new version, each at its next step found by id (the default).</summary>
    Move,

    /// <summary>They finish on the version they started on; only new enrollments run the new one.</summary>
    Stay,
}
