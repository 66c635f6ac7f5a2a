using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Enrollments.Decisions;
using CrmCadenceSync.Core.Identity;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Storage.Mapping;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Identity;
using CrmCadenceSync.Worker.Outbox;
using CrmCadenceSync.Worker.Pilots;
using CrmCadenceSync.Worker.Rules;
using CrmCadenceSync.Core.Replies;
using CrmCadenceSync.Worker.Replies;
using CrmCadenceSync.Worker.Unsubscribe;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Processing;

/// <summary>
/// One contact's change: refresh the snapshot, ask the engine, and stage the enrollment rows, notes and status
/// writes. The caller commits everything in one transaction.
/// </summary>
public sealed class ContactChangeApplier(
    CadenceDbContext db, RuleSetProvider rules, OwnerDirectory owners, EnrollmentStarter starter, PilotGate pilot, CycleStats stats, OutcomeRecorder outcomes,
    IdentityLinks identity, IOptions<ReplyHandlingOptions> replies)
{
    /// <summary>
    /// Applies the changes of one connection's contacts (one contact once), reading their snapshots and enrollments
    /// in two queries for the whole batch rather than two per contact (and, with <c>Identity</c> linking on, their linked
    /// records in other connections in two more).
    /// </summary>
    public async Task ApplyAllAsync(string connection, IReadOnlyList<Contact> contacts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Merged-away records and converted leads first: their enrollment may move to the record they became, which may be
        // in the same batch, before that record is applied.
        contacts = [.. contacts.OrderByDescending(c => EnrollmentEngine.SuccessorOf(c) is not null)];
        var survivors = contacts.Select(EnrollmentEngine.SuccessorOf).OfType<string>();
        var ids = contacts.Select(c => c.CrmId).Concat(survivors).Distinct().ToList();
        var snapshots = await db.Contacts
            .Where(c => c.Connection == connection && ids.Contains(c.CrmId))
            .ToDictionaryAsync(c => c.CrmId, StringComparer.Ordinal, cancellationToken);
        var byContact = (await db.Enrollments
                .Where(e => e.Connection == connection && ids.Contains(e.ContactCrmId))
                .ToListAsync(cancellationToken))
            .GroupBy(e => e.ContactCrmId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.IsOpen).ThenByDescending(e => e.EnrolledAt).ToList(), StringComparer.Ordinal);
        await outcomes.LoadAsync([.. byContact.Values.Select(e => e[0].Id)], cancellationToken);
        var twins = await identity.TwinsAsync(connection, contacts, cancellationToken);
        foreach (var contact in contacts)
        {
            var rows = byContact.GetValueOrDefault(contact.CrmId);
            if (await TransferToSuccessorAsync(contact, snapshots.GetValueOrDefault(contact.CrmId), rows, byContact, now, cancellationToken))
            {
                continue;
            }

            await ApplyAsync(contact, snapshots.GetValueOrDefault(contact.CrmId), rows, IdentityLinks.Of(twins, contact.CrmId), now, cancellationToken);
        }
    }

    /// <summary>
    /// A merged-away record's or a converted lead's open enrollment moves to the record it became (its step runs follow,
    /// being the enrollment's), as the engine decides; otherwise the usual rules exit it as merged or converted.
    /// </summary>
    /// <returns>Whether the enrollment moved (the contact needs nothing else).</returns>
    private async Task<bool> TransferToSuccessorAsync(
        Contact contact, ContactEntity? snapshot, List<EnrollmentEntity>? rows, Dictionary<string, List<EnrollmentEntity>> byContact, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var row = rows?[0];
        var successorRows = EnrollmentEngine.SuccessorOf(contact) is { } successorId ? byContact.GetValueOrDefault(successorId) : null;
        var successorRuns = successorRows is [{ IsOpen: true }, ..];
        var current = row?.ToEnrollment();
        var decision = EnrollmentEngine.DecideOnMerge(contact, current, successorRuns)
            ?? EnrollmentEngine.DecideOnConversion(contact, current, row is null ? null : rules.CadenceOf(row.RuleSetVersion, row.CadenceId), successorRuns);
        if (decision is not TransferDecision transfer)
        {
            return false;
        }

        if (snapshot is null)
        {
            db.Contacts.Add(contact.ToEntity(now));
        }
        else
        {
            contact.CopyTo(snapshot, now);
        }

        row!.ContactCrmId = transfer.ToCrmId;
        rows!.RemoveAt(0);
        byContact[transfer.ToCrmId] = [row, .. successorRows ?? []];
        var survivor = contact with
        {
            CrmId = transfer.ToCrmId,
            RecordType = contact.MergedIntoCrmId is null ? ContactRecordType.Contact : contact.RecordType,
            MergedIntoCrmId = null,
            IsDeleted = false,
        };
        await MoveQueuedWritesAsync(row.Id, contact, survivor, cancellationToken);
        var cadence = rules.CadenceOf(row.RuleSetVersion, row.CadenceId);
        Stage(EnrollmentNotes.Status(row.ToEnrollment(), survivor, cadence, row.NextDueAt, now), survivor, row.Id, now);
        return true;
    }

    /// <summary>
    /// The moved enrollment's writes still queued for the old record (tasks, notes, emails, status) go to the record it
    /// became. A write already attempted stays: it may be in the CRM already, and its retry looks it up by its key there.
    /// </summary>
    private async Task MoveQueuedWritesAsync(Guid enrollmentId, Contact from, Contact to, CancellationToken cancellationToken)
    {
        var queued = await db.Outbox
            .Where(o => o.EnrollmentId == enrollmentId && o.Connection == from.Connection && o.ContactCrmId == from.CrmId
                && o.State == OutboxState.Pending && o.AttemptedAt == null && o.ClaimedBy == null && o.WriteType != WriteType.CloseTask)
            .ToListAsync(cancellationToken);
        queued.ForEach(row => OutboxPayload.MoveTo(row, to.CrmId, to.RecordType));
    }

    /// <param name="rows">The contact's enrollments, the open or latest one first; all of them count for <c>Policies:Reenroll</c>.</param>
    /// <param name="twins">The same person's records in the other connections (none when linking is off).</param>
    private async Task ApplyAsync(
        Contact contact, ContactEntity? snapshot, List<EnrollmentEntity>? rows, IReadOnlyList<LinkedTwin> twins, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var row = rows?[0];
        var previous = snapshot?.ToContact();
        if (previous is not null && IsOlder(contact, previous))
        {
            return;
        }

        if (snapshot is null)
        {
            db.Contacts.Add(contact.ToEntity(now));
        }
        else
        {
            contact.CopyTo(snapshot, now);
        }

        var active = rules.Current;
        var current = row?.ToEnrollment();
        if (current is not null)
        {
            outcomes.Record(contact, current, now);
        }

        if (IdentityRule.Decide(identity.IsPrimary(contact.Connection), current, twins) is FollowsTwin follows)
        {
            StageTwinStatus(contact, follows.Twin, now);
            return;
        }

        var history = rows is { Count: > 1 } ? rows.Select(r => r.ToEnrollment()).ToList() : null;
        var decision = EnrollmentEngine.Decide(contact, previous, active.Rules, current, now, history);
        if (decision is EnrollDecision && !await pilot.AdmitsAsync(active.Rules.Pilot, contact, now, cancellationToken))
        {
            return;
        }

        var change = DecisionApplier.Apply(decision, contact, current, now, Guid.NewGuid());
        if (change.Updated is null && change.Started is null)
        {
            await RetimeWaitingStepAsync(row, contact, now, cancellationToken);
            return;
        }

        var owner = await owners.FindAsync(contact.Connection, contact.OwnerId, cancellationToken);
        if (change.Updated is { } updated)
        {
            await UpdateAsync(row!, updated, decision, contact, owner, now, cancellationToken);
        }

        if (change.Started is { } started)
        {
            starter.Start(started, contact, owner, active, now);
            if (change.Updated is null)
            {
                stats.Enrolled(started.Segment);
            }
            else
            {
                stats.Moved(change.Updated.Segment, started.Segment);
            }
        }
    }

    /// <summary>An engagement the next step waits for (an opened email) may just have arrived: time the step from it.</summary>
    private async Task RetimeWaitingStepAsync(EnrollmentEntity? row, Contact contact, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (row is null || rules.CadenceOf(row.RuleSetVersion, row.CadenceId) is not { } cadence || !TouchTiming.WaitsForSignal(row, cadence))
        {
            return;
        }

        var before = row.NextDueAt;
        TouchTiming.ScheduleNext(row, cadence, contact, await owners.FindAsync(contact.Connection, contact.OwnerId, cancellationToken), now);
        if (row.NextDueAt != before)
        {
            Stage(EnrollmentNotes.Status(row.ToEnrollment(), contact, cadence, row.NextDueAt, now), contact, row.Id, now);
        }
    }

    /// <summary>A record that follows its twin's cadence shows that cadence's status (when the twin is enrolled).</summary>
    private void StageTwinStatus(Contact contact, LinkedTwin twin, DateTimeOffset now)
    {
        if (twin.OpenEnrollment is not { } enrollment)
        {
            return;
        }

        var twinRow = identity.RowOf(enrollment.Id);
        var cadence = rules.CadenceOf(twinRow.RuleSetVersion, twinRow.CadenceId);
        Stage(EnrollmentNotes.Status(enrollment, contact, cadence, twinRow.NextDueAt, now), contact, enrollment.Id, now);
    }

    /// <summary>A change older than the snapshot (a late webhook, an overlapping poll) must not roll it back.</summary>
    private static bool IsOlder(Contact contact, Contact snapshot) =>
        contact.UpdatedAt < snapshot.UpdatedAt && !contact.IsDeleted && contact.MergedIntoCrmId is null;

    private async Task UpdateAsync(
        EnrollmentEntity row, Enrollment updated, EnrollmentDecision decision, Contact contact, Owner? owner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cadence = rules.CadenceOf(row.RuleSetVersion, row.CadenceId);
        updated.CopyTo(row);
        if (decision is AutoReplyPauseDecision auto && cadence is not null)
        {
            PauseForAutoReply(row, auto, contact, owner, cadence, now);
            return;
        }

        if (decision is ResumeDecision && cadence is not null)
        {
            // A held step is tried again at the next opening; a paused cadence picks up at the step it stopped on, and the
            // steps after it keep their gaps from when it is written.
            if (row.HoldReason is null && row.NextStepIndex < cadence.Steps.Count)
            {
                TouchTiming.ScheduleNext(row, cadence, contact, owner, now);
            }
        }

        if (!updated.IsOpen)
        {
            stats.Exited(updated.ExitReason?.ToString() ?? updated.State.ToString());
            if (updated is { ExitReason: ExitReason.OptedOut, ExitDetail: EnrollmentEngine.UnsubscribeReplyDetail })
            {
                await StageOptOutAsync(contact, row.Id, now, cancellationToken);
            }

            if (updated.ExitReason != ExitReason.MovedToAnotherCadence)
            {
                Stage(EnrollmentNotes.Ended(updated, contact, cadence, now, RepDate(now, contact, owner, cadence)), contact, row.Id, now);
                Stage(EnrollmentNotes.Status(updated, contact, cadence, null, now), contact, row.Id, now);
            }

            // The old enrollment must be closed in the database before a new one opens (one open per contact).
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        Stage(EnrollmentNotes.Status(updated, contact, cadence, row.NextDueAt, now), contact, row.Id, now);
    }

    /// <summary>
    /// A reply asking to be removed is recorded in the CRM as the unsubscribe link records it (HubSpot subscription status,
    /// Salesforce HasOptedOutOfEmail), once per contact.
    /// </summary>
    private async Task StageOptOutAsync(Contact contact, Guid enrollmentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = UnsubscribeRecorder.KeyFor(contact.Connection, contact.CrmId);
        if (!await db.Outbox.AnyAsync(o => o.IdempotencyKey == key, cancellationToken))
        {
            db.Outbox.Add(OutboxPayload.For(contact.Connection, new EmailOptOut(key, contact.CrmId, contact.RecordType, contact.Email ?? ""), enrollmentId, now));
        }
    }

    /// <summary>
    /// An auto-reply: no step is due before the start of the contact's return day (in its zone), or the configured number
    /// of days when the reply names none; the next step is timed from then with its usual gap and business hours.
    /// </summary>
    private void PauseForAutoReply(EnrollmentEntity row, AutoReplyPauseDecision auto, Contact contact, Owner? owner, Cadence cadence, DateTimeOffset now)
    {
        var zone = TouchTiming.ContactZone(contact, owner, cadence);
        var receivedAt = contact.LastReply?.ReceivedAt ?? auto.ReplyAt;
        var resumeAt = OutOfOfficePause.ResumeAt(auto.ReturnDate, receivedAt, zone, replies.Value.OutOfOfficePauseDays);
        row.PausedUntil = resumeAt > (row.PausedUntil ?? DateTimeOffset.MinValue) ? resumeAt : row.PausedUntil;
        if (row.State == nameof(EnrollmentState.Active) && row.NextStepIndex < cadence.Steps.Count)
        {
            TouchTiming.ScheduleNext(row, cadence, contact, owner, now);
        }

        stats.Paused("AutoReply");
        var enrollment = row.ToEnrollment();
        Stage(EnrollmentNotes.AutoReplyPause(enrollment, contact, cadence, auto.ReplyAt, auto.ReturnDate, resumeAt, now, RepDate(now, contact, owner, cadence)), contact, row.Id, now);
        Stage(EnrollmentNotes.Status(enrollment, contact, cadence, row.NextDueAt, now), contact, row.Id, now);
    }

    private void Stage(CrmActivity activity, Contact contact, Guid enrollmentId, DateTimeOffset now) =>
        db.Outbox.Add(OutboxPayload.For(contact.Connection, activity, enrollmentId, now));

    private void Stage(ContactStatus status, Contact contact, Guid enrollmentId, DateTimeOffset now) =>
        db.Outbox.Add(OutboxPayload.For(contact.Connection, status, enrollmentId, now));

    private static DateOnly RepDate(DateTimeOffset now, Contact contact, Owner? owner, Cadence? cadence) =>
        cadence is null ? DateOnly.FromDateTime(now.UtcDateTime) : TouchTiming.RepLocalDate(now, contact, owner, cadence);
}
