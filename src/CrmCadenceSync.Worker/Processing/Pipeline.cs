namespace CrmCadenceSync.Worker.Processing;

/// <summary>
/// The worker's pipeline, hop by hop; the one place that says what follows what:
/// <code>
///   webhooks, polls ──► Inbox ──► decide (Core's EnrollmentEngine) ──► DueSteps ──► Outbox ──► connectors (CRM, SMTP)
/// </code>
/// <c>--once</c> runs the hops in this order (<see cref="CycleRunner"/>). The service runs each hop as a job on its own
/// timer, and a hop that did something starts the next one at once through <see cref="Webhooks.WorkSignal"/>, so a
/// hot lead's first task does not wait for the next timer.
/// </summary>
public enum PipelineHop
{
    /// <summary>Contacts read from each CRM into the inbox (webhooks land there directly).</summary>
    Poll,

    /// <summary>Inbox events applied to the contact snapshot; the engine decides enrollments, moves and exits.</summary>
    Inbox,

    /// <summary>Steps that came due are rendered and queued as CRM writes and emails.</summary>
    DueSteps,

    /// <summary>Queued writes sent to each connection.</summary>
    Outbox,
}

public static class Pipeline
{
    public static IReadOnlyList<PipelineHop> Order { get; } = [PipelineHop.Poll, PipelineHop.Inbox, PipelineHop.DueSteps, PipelineHop.Outbox];

    /// <summary>The hop that takes over from <paramref name="hop"/>; none after the outbox.</summary>
    public static PipelineHop? After(PipelineHop hop) =>
        hop switch
        {
            PipelineHop.Poll => PipelineHop.Inbox,
            PipelineHop.Inbox => PipelineHop.DueSteps,
            PipelineHop.DueSteps => PipelineHop.Outbox,
            _ => null,
        };
}
