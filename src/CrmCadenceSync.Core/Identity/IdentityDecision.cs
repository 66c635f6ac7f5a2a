namespace CrmCadenceSync.Core.Identity;

/// <summary>Whose cadence a linked record follows.</summary>
public abstract record IdentityDecision;

/// <summary>The record runs its own cadence (enrolls, moves and exits by the enrollment rules).</summary>
public sealed record RunsOwnCadence : IdentityDecision
{
    public static RunsOwnCadence Instance { get; } = new();
}

/// <summary>The twin runs the person's cadence: this record is not enrolled and gets the twin's status only.</summary>
public sealed record FollowsTwin(LinkedTwin Twin) : IdentityDecision;
