namespace CrmCadenceSync.Worker.Retention;

/// <summary>What one retention sweep removes or redacts (or, planned, would).</summary>
/// <param name="Snapshots">Contact snapshots deleted: every enrollment of the contact ended before the cutoff.</param>
/// <param name="InboxEvents">Inbox events deleted: processed before the cutoff (their contact JSON with them).</param>
/// <param name="OutboxPayloads">Outbox rows, done before the cutoff, whose payload (rendered emails, task bodies, notes) is redacted.</param>
/// <param name="DeadLetters">Dead letters deleted: failed before the cutoff (payload and reason with them).</param>
/// <param name="TriggerFields">Enrollments ended before the cutoff whose trigger merge fields are cleared.</param>
public sealed record RetentionSweep(int Snapshots, int InboxEvents, int OutboxPayloads, int DeadLetters, int TriggerFields);
