namespace CrmCadenceSync.Core.Rules;

/// <summary>What to do when a score change puts an enrolled contact into another segment.</summary>
public enum SegmentChangePolicy
{
    /// <summary>Move only into a segment with a higher score band (nurture to hot).</summary>
    MoveUp,

    /// <summary>Move into the new segment whichever way the score went.</summary>
    MoveBoth,

    /// <summary>Stay in the cadence the contact started.</summary>
    Never,
}
