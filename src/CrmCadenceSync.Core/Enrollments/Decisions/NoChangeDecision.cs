namespace CrmCadenceSync.Core.Enrollments.Decisions;

/// <summary>Nothing to do, and why (for previews and logs).</summary>
public sealed record NoChangeDecision(NoChangeReason Reason) : EnrollmentDecision
{
    private static readonly NoChangeDecision[] Cached =
        [.. Enum.GetValues<NoChangeReason>().Select(reason => new NoChangeDecision(reason))];

    /// <summary>Shared instances: most contacts need nothing, and a million of them should allocate nothing for it.</summary>
    public static NoChangeDecision For(NoChangeReason reason) => Cached[(int)reason];
}
