using CrmCadenceSync.Core.Enrollments.Manual;
using CrmCadenceSync.Core.Identity;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Storage.Mapping;
using CrmCadenceSync.Worker.Admin;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Identity;
using CrmCadenceSync.Worker.Processing;
using CrmCadenceSync.Worker.Rules;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.ManualEnrollment;

/// <summary>
/// Finds each named contact in the stored snapshots, asks Core whether it may enter, and stages the enrollment the way
/// automatic enrollment does (row with the first step timed, timeline note, status write), audited, one save per contact.
/// </summary>
public sealed partial class ManualEnrollmentService(
    CadenceDbContext db,
    RuleSetProvider rules,
    OwnerDirectory owners,
    EnrollmentStarter starter,
    IdentityLinks identity,
    CycleStats stats,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<ManualEnrollmentService> logger) : IManualEnrollment
{
    public const string AuditAction = "enrollment.manual";

    /// <summary>One row per request: who asked, how many of each outcome, and each refusal's reason.</summary>
    public const string RequestAuditAction = "enrollment.manual-request";

    public IReadOnlyDictionary<string, string[]> Validate(ManualEnrollmentRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var active = rules.Current.Rules;
        if (string.IsNullOrWhiteSpace(request.Cadence))
        {
            errors["cadence"] = ["Name the cadence to enroll into (its id)."];
        }
        else if (!active.Cadences.TryGetValue(request.Cadence.Trim(), out var cadence))
        {
            errors["cadence"] = [$"No cadence '{request.Cadence}' in the active rule set; there are {string.Join(", ", active.Cadences.Keys)}."];
        }
        else if (StepIndex(cadence, request.StartStep) is null)
        {
            errors["startStep"] = [$"Cadence '{cadence.Id}' has no step '{request.StartStep}'; use a step id ({string.Join(", ", cadence.Steps.Select(s => s.Id))}) or a number 1-{cadence.Steps.Count}."];
        }

        var named = Named(request);
        if (named.Count == 0)
        {
            errors["contacts"] = ["Name at least one contact (a CRM record id or an email address)."];
        }
        else if (named.Count > ManualEnrollmentRequest.MaxContacts)
        {
            errors["contacts"] = [$"At most {ManualEnrollmentRequest.MaxContacts} contacts a request ({named.Count} named)."];
        }

        if (!string.IsNullOrWhiteSpace(request.Connection)
            && !ConfiguredConnection.Enabled(configuration).Any(c => string.Equals(c.Name, request.Connection.Trim(), StringComparison.Ordinal)))
        {
            errors["connection"] = [$"No enabled connection '{request.Connection}'."];
        }

        return errors;
    }

    public async Task<ManualEnrollmentResult> EnrollAsync(ManualEnrollmentRequest request, string actor, CancellationToken cancellationToken)
    {
        if (Validate(request) is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join(" ", errors.Values.SelectMany(e => e)), nameof(request));
        }

        var active = rules.Current;
        var cadence = active.Rules.Cadences[request.Cadence!.Trim()];
        var start = StepIndex(cadence, request.StartStep)!.Value;
        var connection = string.IsNullOrWhiteSpace(request.Connection) ? null : request.Connection.Trim();
        var results = new List<ManualContactResult>();
        foreach (var named in Named(request))
        {
            results.Add(await EnrollOneAsync(named, connection, cadence, start, active, actor, cancellationToken));
        }

        var enrolled = results.Count(r => r.Outcome == ManualOutcome.Enrolled);
        var already = results.Count(r => r.Outcome == ManualOutcome.AlreadyEnrolled);
        var refused = results.Where(r => r.Outcome == ManualOutcome.Refused).ToList();
        AdminAudit.Record(
            db, actor, RequestAuditAction, cadence.Id,
            $"{results.Count} named: {enrolled} enrolled, {already} already in it, {refused.Count} refused"
                + string.Concat(refused.Take(20).Select(r => $"; {r.Contact}: {r.Reason}"))
                + (refused.Count > 20 ? $"; and {refused.Count - 20} more" : ""),
            time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        LogManual(actor, cadence.Id, enrolled, already, refused.Count);
        return new ManualEnrollmentResult(cadence.Id, cadence.Steps[start].Id, enrolled, already, refused.Count, results);
    }

    private async Task<ManualContactResult> EnrollOneAsync(
        string named, string? connection, Cadence cadence, int start, ActiveRuleSet active, string actor, CancellationToken cancellationToken)
    {
        var (found, refusal) = await FindAsync(named, connection, cancellationToken);
        if (found is null)
        {
            return refusal!;
        }

        var contact = found.ToContact();
        var history = (await db.Enrollments.AsNoTracking()
                .Where(e => e.Connection == contact.Connection && e.ContactCrmId == contact.CrmId)
                .ToListAsync(cancellationToken))
            .Select(e => e.ToEnrollment())
            .ToList();
        var twins = IdentityLinks.Of(await identity.TwinsAsync(contact.Connection, [contact], cancellationToken), contact.CrmId);
        var latest = history.OrderByDescending(e => e.IsOpen).ThenByDescending(e => e.EnrolledAt).FirstOrDefault();
        var linking = IdentityRule.Decide(identity.IsPrimary(contact.Connection), latest, twins);
        var now = time.GetUtcNow();
        var decision = ManualEnrollmentRules.Decide(contact, cadence, start, active.Rules, history, linking, now, Guid.NewGuid());
        var result = new ManualContactResult(named, ManualOutcome.Refused, contact.Connection, contact.CrmId);
        switch (decision)
        {
            case ManualAlreadyEnrolled already:
                var row = await db.Enrollments.AsNoTracking().SingleAsync(e => e.Id == already.Current.Id, cancellationToken);
                return result with { Outcome = ManualOutcome.AlreadyEnrolled, EnrollmentId = row.Id, State = row.State, NextTouchAt = row.NextDueAt, Message = $"already in '{cadence.Id}'; not enrolled twice" };
            case ManualRefused refused:
                return result with { Reason = refused.Reason.ToString(), Message = refused.Message };
        }

        var enroll = (ManualEnroll)decision;
        var owner = await owners.FindAsync(contact.Connection, contact.OwnerId, cancellationToken);
        starter.Start(enroll.Started, contact, owner, active, now);
        AdminAudit.Record(
            db, actor, AuditAction, enroll.Started.Id.ToString(),
            $"{contact.Connection}/{contact.CrmId} into {cadence.Id} at step {start + 1} ({cadence.Steps[start].Id}) as {named}", now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request or the worker enrolled it between our read and our write: the one-open-enrollment-per-contact
            // index refused ours. Report what won.
            db.ChangeTracker.Clear();
            var winner = await db.Enrollments.AsNoTracking()
                .FirstOrDefaultAsync(e => e.Connection == contact.Connection && e.ContactCrmId == contact.CrmId && e.IsOpen, cancellationToken);
            if (winner is null)
            {
                throw;
            }

            return winner.CadenceId == cadence.Id
                ? result with { Outcome = ManualOutcome.AlreadyEnrolled, EnrollmentId = winner.Id, State = winner.State, NextTouchAt = winner.NextDueAt, Message = $"already in '{cadence.Id}'; not enrolled twice" }
                : result with { Reason = nameof(ManualRefusal.InAnotherCadence), Message = $"already in cadence '{winner.CadenceId}' ({winner.State}); exit it first (one cadence per person)" };
        }

        stats.Enrolled(enroll.Started.Segment);
        var saved = db.Enrollments.Local.Single(e => e.Id == enroll.Started.Id);
        db.ChangeTracker.Clear();
        return result with { Outcome = ManualOutcome.Enrolled, EnrollmentId = saved.Id, State = saved.State, NextTouchAt = saved.NextDueAt, Message = enroll.Note };
    }

    /// <summary>The one stored record an id or email names, or the refusal saying why there is none.</summary>
    private async Task<(ContactEntity? Found, ManualContactResult? Refusal)> FindAsync(string named, string? connection, CancellationToken cancellationToken)
    {
        var query = db.Contacts.AsNoTracking();
        if (connection is not null)
        {
            query = query.Where(c => c.Connection == connection);
        }

        List<ContactEntity> matches;
        if (named.Contains('@', StringComparison.Ordinal))
        {
            var email = IdentityKey.Normalise(named)!;
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(); no culture applies
            matches = await query.Where(c => c.Email != null && c.Email.ToLower() == email).ToListAsync(cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
        }
        else
        {
            matches = await query.Where(c => c.CrmId == named).ToListAsync(cancellationToken);
        }

        // A removed record and a live one with the same email: the live one is meant.
        if (matches.Count > 1 && matches.Any(m => !m.IsDeleted && m.MergedIntoCrmId == null))
        {
            matches = [.. matches.Where(m => !m.IsDeleted && m.MergedIntoCrmId == null)];
        }

        // The same person in several connections with linking on: the primary record runs the person's cadence.
        if (matches.Count > 1 && identity.Enabled && matches.Where(m => identity.IsPrimary(m.Connection)).ToList() is [var primary])
        {
            matches = [primary];
        }

        return matches switch
        {
            [var one] => (one, null),
            [] => (null, new ManualContactResult(
                named, ManualOutcome.Refused, connection, Reason: ManualOutcome.NotFound,
                Message: $"no stored contact {(connection is null ? "" : $"in {connection} ")}has this {(named.Contains('@', StringComparison.Ordinal) ? "email" : "id")}; the worker knows the records it has read from the CRM (the next poll reads new ones)")),
            _ => (null, new ManualContactResult(
                named, ManualOutcome.Refused, connection, Reason: ManualOutcome.Ambiguous,
                Message: $"names {matches.Count} records ({string.Join(", ", matches.Select(m => $"{m.Connection}/{m.CrmId}"))}); name the connection or use the record id")),
        };
    }

    private static List<string> Named(ManualEnrollmentRequest request) =>
        [.. (request.Contacts ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>The 0-based index of the step named by id or 1-based number; the first when none is named.</summary>
    private static int? StepIndex(Cadence cadence, string? step)
    {
        if (string.IsNullOrWhiteSpace(step))
        {
            return 0;
        }

        var wanted = step.Trim();
        for (var i = 0; i < cadence.Steps.Count; i++)
        {
            if (string.Equals(cadence.Steps[i].Id, wanted, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return int.TryParse(wanted, System.Globalization.CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= cadence.Steps.Count
            ? number - 1
            : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Manual enrollment by {Actor} into {Cadence}: {Enrolled} enrolled, {Already} already in it, {Refused} refused")]
    private partial void LogManual(string actor, string cadence, int enrolled, int already, int refused);
}
