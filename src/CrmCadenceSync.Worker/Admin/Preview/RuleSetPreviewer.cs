using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Enrollments.Decisions;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Rules.Versions;
using CrmCadenceSync.Core.Scheduling;
using CrmCadenceSync.Core.Touches;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Storage.Mapping;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Email;
using CrmCadenceSync.Worker.Pilots;
using CrmCadenceSync.Worker.Processing;
using CrmCadenceSync.Worker.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Admin.Preview;

/// <summary>
/// The dry run: segments every stored contact under the active and the candidate rule set, asks the enrollment engine
/// what the candidate would do with each, and forecasts rep tasks. Open enrollments keep their schedule; contacts that
/// would enroll or move get the candidate cadence's schedule from now (new ones spread by the pilot's daily limit); the
/// rep daily cap then moves overflow as the worker would. Reads only, with no tracking: nothing is ever saved.
/// </summary>
internal sealed class RuleSetPreviewer(
    CadenceDbContext db, RuleSetProvider rules, OwnerDirectory owners, PilotGate pilotGate, IOptions<SmtpOptions> smtp, TimeProvider time)
{
    public const int ForecastBusinessDays = 14;
    public const string NoSegment = "(none)";

    public async Task<RuleSetPreview> PreviewAsync(RuleSet candidate, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var active = rules.Current;
        var contacts = (await db.Contacts.AsNoTracking().ToListAsync(cancellationToken)).Select(c => c.ToContact()).ToList();
        var latest = (await db.Enrollments.AsNoTracking().ToListAsync(cancellationToken))
            .GroupBy(e => (e.Connection, e.ContactCrmId))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.IsOpen).ThenByDescending(e => e.EnrolledAt).First());

        var zone = candidate.Cadences.Values.FirstOrDefault()?.TimeZone ?? TimeZoneInfo.Utc;
        var calendar = candidate.Cadences.Values.FirstOrDefault()?.Calendar ?? BusinessCalendar.Weekdays;
        var firstDay = calendar.OnOrAfter(DateOnly.FromDateTime(ZonedTime.ToLocal(now, zone)));
        var days = Enumerable.Range(0, ForecastBusinessDays).Select(i => calendar.AddBusinessDays(firstDay, i)).ToList();
        var horizon = ZonedTime.ToInstant(days[^1].AddDays(2).ToDateTime(TimeOnly.MinValue), zone);

        var activeCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var candidateCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var transitions = new Dictionary<(string, string), int>();
        var touches = new List<PlannedRepTouch>();
        var newcomers = new List<(Contact Contact, Segment Segment)>();
        var (moving, keeping) = (0, 0);
        foreach (var contact in contacts)
        {
            var before = Segmentation(active.Rules, contact);
            var after = Segmentation(candidate, contact);
            Count(activeCounts, before);
            Count(candidateCounts, after);
            if (before != after)
            {
                transitions[(before, after)] = transitions.GetValueOrDefault((before, after)) + 1;
            }

            var row = latest.GetValueOrDefault((contact.Connection, contact.CrmId));
            switch (EnrollmentEngine.Decide(contact, contact, candidate, row?.ToEnrollment(), now))
            {
                case EnrollDecision enroll:
                    newcomers.Add((contact, enroll.Segment));
                    break;
                case MoveDecision move:
                    moving++;
                    await PlanAsync(touches, candidate, candidate.Cadences[move.To.CadenceId], contact, now, 0, null, null, horizon, cancellationToken);
                    break;
                default:
                    if (row is { IsOpen: true, State: nameof(EnrollmentState.Active), NextDueAt: { } due }
                        && candidate.Cadences.GetValueOrDefault(row.CadenceId) is { } cadence
                        && rules.CadenceOf(row.RuleSetVersion, row.CadenceId) is { } running)
                    {
                        keeping++;
                        var next = StepMapping.Map(running, cadence, TouchTiming.StepIndex(row, running)).NextStepIndex;
                        await PlanAsync(touches, candidate, cadence, contact, row.EnrolledAt, next, due < now ? now : due, row.PreviousStepAt, horizon, cancellationToken);
                    }
                    else if (row is { IsOpen: true })
                    {
                        // Paused or held, or in a cadence the candidate drops (the worker would hold it): no tasks.
                        keeping++;
                    }

                    break;
            }
        }

        var choices = await ChoicesAsync(candidate, cancellationToken);
        var (enrolled, heldBack) = await PlanNewcomersAsync(touches, candidate, newcomers, now, horizon, cancellationToken);
        var forecast = await ForecastAsync(touches, candidate, days, zone, cancellationToken);
        var segments = candidate.Segments.Select(s => s.Name).Concat(active.Rules.Segments.Select(s => s.Name)).Append(NoSegment)
            .Distinct(StringComparer.Ordinal)
            .Where(name => name != NoSegment || activeCounts.ContainsKey(name) || candidateCounts.ContainsKey(name))
            .Select(name => new SegmentCount(
                name,
                candidate.FindSegment(name)?.CadenceId ?? active.Rules.FindSegment(name)?.CadenceId,
                activeCounts.GetValueOrDefault(name),
                candidateCounts.GetValueOrDefault(name)))
            .ToList();
        return new RuleSetPreview(
            active.Version,
            contacts.Count,
            segments,
            new SegmentMoves(transitions.Values.Sum(), [.. transitions.OrderByDescending(t => t.Value).Select(t => new SegmentTransition(t.Key.Item1, t.Key.Item2, t.Value))]),
            new EnrollmentForecast(enrolled, heldBack, moving, keeping),
            choices,
            candidate.Pilot.IsOn ? new PilotView(candidate.Pilot.MaxEnrollmentsPerDay, candidate.Pilot.Percentage) : null,
            forecast);
    }

    /// <summary>How many open enrollments each activation choice touches, mapped by step id as the activation would.</summary>
    private async Task<OpenEnrollmentChoices> ChoicesAsync(RuleSet candidate, CancellationToken cancellationToken)
    {
        var open = await db.Enrollments.AsNoTracking().Where(e => e.IsOpen).ToListAsync(cancellationToken);
        var (move, changes, removes, dropped) = (0, 0, 0, 0);
        foreach (var row in open)
        {
            if (rules.CadenceOf(row.RuleSetVersion, row.CadenceId) is not { } from || !candidate.Cadences.TryGetValue(row.CadenceId, out var to))
            {
                dropped++;
                continue;
            }

            move++;
            if (!from.Steps.Select(x => x.Id).SequenceEqual(to.Steps.Select(x => x.Id), StringComparer.Ordinal))
            {
                changes++;
            }

            if (StepMapping.Map(from, to, TouchTiming.StepIndex(row, from)).RemovedStepId is not null)
            {
                removes++;
            }
        }

        return new OpenEnrollmentChoices(open.Count, move, changes, removes, dropped);
    }

    private static string Segmentation(RuleSet rules, Contact contact) =>
        Core.Segmentation.Segmenter.Match(rules, contact)?.Name ?? NoSegment;

    private static void Count(Dictionary<string, int> counts, string segment) => counts[segment] = counts.GetValueOrDefault(segment) + 1;

    /// <summary>
    /// New enrollments under the pilot: outside its percentage they stay out; within it, at most its daily limit enroll
    /// each day (in a stable order), as the worker's pilot gate lets them in on later days.
    /// </summary>
    private async Task<(int Enrolled, int HeldBack)> PlanNewcomersAsync(
        List<PlannedRepTouch> touches, RuleSet candidate, List<(Contact Contact, Segment Segment)> newcomers, DateTimeOffset now, DateTimeOffset horizon, CancellationToken cancellationToken)
    {
        var pilot = candidate.Pilot;
        var enrolledToday = pilot.MaxEnrollmentsPerDay is null ? 0 : await pilotGate.EnrolledOnAsync(DateOnly.FromDateTime(now.UtcDateTime), cancellationToken);
        var selected = newcomers.Where(n => pilot.Selects(PilotGate.KeyOf(n.Contact))).OrderBy(n => n.Contact.Connection, StringComparer.Ordinal).ThenBy(n => n.Contact.CrmId, StringComparer.Ordinal).ToList();
        var enrolled = 0;
        for (var i = 0; i < selected.Count; i++)
        {
            // The gate counts by UTC day: today's share may be partly spent; later days start at midnight UTC.
            var day = pilot.MaxEnrollmentsPerDay is { } perDay ? (i + enrolledToday) / perDay : 0;
            var enrolledAt = day == 0 ? now : new DateTimeOffset(now.UtcDateTime.Date.AddDays(day), TimeSpan.Zero);
            if (enrolledAt >= horizon)
            {
                break;
            }

            enrolled++;
            var (contact, segment) = selected[i];
            await PlanAsync(touches, candidate, candidate.Cadences[segment.CadenceId], contact, enrolledAt, 0, null, null, horizon, cancellationToken);
        }

        return (enrolled, newcomers.Count - enrolled);
    }

    /// <summary>The rep tasks of one enrollment from a step on, as the due-step runner would write them.</summary>
    private async Task PlanAsync(
        List<PlannedRepTouch> touches,
        RuleSet candidate,
        Cadence cadence,
        Contact contact,
        DateTimeOffset enrolledAt,
        int fromStep,
        DateTimeOffset? firstDue,
        DateTimeOffset? previousStepAt,
        DateTimeOffset horizon,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(contact.OwnerId))
        {
            return;
        }

        var owner = await OwnerAsync(contact, cancellationToken);
        var zone = StepScheduler.ZoneFor(contact.TimeZone, owner?.TimeZone, cadence.TimeZone);
        var role = candidate.Roles.RoleOf(contact);
        var previous = previousStepAt;
        Step? previousStep = fromStep > 0 && fromStep <= cadence.Steps.Count ? cadence.Steps[fromStep - 1] : null;
        for (var i = fromStep; i < cadence.Steps.Count; i++)
        {
            var step = cadence.Steps[i];
            var due = i == fromStep && firstDue is { } first
                ? first
                : step.AfterSignal is not null
                    ? StepScheduler.WaitDeadline(cadence.Calendar, step, zone, previous ?? enrolledAt)
                    : StepScheduler.DueAt(cadence.Calendar, step, zone, enrolledAt, previous, previousStep);
            if (due >= horizon)
            {
                return;
            }

            previous = due;
            previousStep = step;
            var writesTask = step.Kind is StepKind.Task or StepKind.ManualEmail || (step.Kind == StepKind.AutoEmail && !smtp.Value.Configured);

            // A step waiting for an engagement may never come; the forecast counts only touches that surely will.
            if (!writesTask || step.AfterSignal is not null || TouchPlanner.SuppressionFor(step, contact) is not null
                || (role is not null && step.SkipForRoles.Contains(role)))
            {
                continue;
            }

            touches.Add(new PlannedRepTouch(
                new PlannedTouch($"{PilotGate.KeyOf(contact)}:{cadence.Id}:{step.Id}", $"{contact.Connection}:{contact.OwnerId}", step.Priority, due),
                contact.Connection,
                cadence.Calendar));
        }
    }

    private async Task<Owner?> OwnerAsync(Contact contact, CancellationToken cancellationToken)
    {
        try
        {
            return await owners.FindAsync(contact.Connection, contact.OwnerId, cancellationToken);
        }
        catch (Exception e) when (ConnectionHealth.IsConnectionFailure(e))
        {
            // A parked connection's reps are timed in the cadence's zone; the preview never waits for a CRM.
            return null;
        }
    }

    private async Task<TaskForecast> ForecastAsync(
        List<PlannedRepTouch> touches, RuleSet candidate, List<DateOnly> days, TimeZoneInfo defaultZone, CancellationToken cancellationToken)
    {
        var cap = candidate.Policies.RepDailyTaskCap;
        var zones = new Dictionary<string, (TimeZoneInfo Zone, string Name)>(StringComparer.Ordinal);
        var calendars = new Dictionary<string, BusinessCalendar>(StringComparer.Ordinal);
        foreach (var (touch, connection, calendar) in touches)
        {
            calendars.TryAdd(touch.RepId, calendar);
            if (zones.ContainsKey(touch.RepId))
            {
                continue;
            }

            var ownerId = touch.RepId[(connection.Length + 1)..];
            Owner? owner;
            try
            {
                owner = await owners.FindAsync(connection, ownerId, cancellationToken);
            }
            catch (Exception e) when (ConnectionHealth.IsConnectionFailure(e))
            {
                owner = null;
            }

            var name = owner is null ? ownerId : string.Join(' ', new[] { owner.FirstName, owner.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)));
            zones[touch.RepId] = (TimeZones.TryResolve(owner?.TimeZone, out var zone) ? zone : defaultZone, string.IsNullOrEmpty(name) ? ownerId : name);
        }

        var planned = RepDailyCapPlanner.Apply(touches.Select(t => t.Touch), cap, rep => new RepWorkweek(zones[rep].Zone, calendars[rep]));
        var index = days.Select((d, i) => (d, i)).ToDictionary(x => x.d, x => x.i);
        var connections = touches.GroupBy(t => t.Touch.RepId).ToDictionary(g => g.Key, g => g.First().Connection, StringComparer.Ordinal);
        var reps = new List<RepForecast>();
        foreach (var rep in zones.Keys.Order(StringComparer.Ordinal))
        {
            var zone = zones[rep].Zone;
            var demand = PerDay(touches.Where(t => t.Touch.RepId == rep).Select(t => t.Touch), zone, index);
            var after = PerDay(planned.Where(t => t.RepId == rep), zone, index);
            var connection = connections[rep];
            reps.Add(new RepForecast(rep[(connection.Length + 1)..], zones[rep].Name, connection, demand, after,
                [.. days.Where((_, i) => demand[i] > cap)]));
        }

        var totals = days.Select((_, i) => reps.Sum(r => r.Planned[i])).ToList();
        return new TaskForecast(days, cap, [.. reps.OrderByDescending(r => r.OverCap).ThenByDescending(r => r.Tasks.Sum())], totals);
    }

    private static int[] PerDay(IEnumerable<PlannedTouch> touches, TimeZoneInfo zone, Dictionary<DateOnly, int> index)
    {
        var counts = new int[index.Count];
        foreach (var touch in touches)
        {
            if (index.TryGetValue(DateOnly.FromDateTime(ZonedTime.ToLocal(touch.DueAt, zone)), out var i))
            {
                counts[i]++;
            }
        }

        return counts;
    }

    /// <summary>A rep task the forecast expects, with the calendar (holidays) of the cadence that plans it.</summary>
    private sealed record PlannedRepTouch(PlannedTouch Touch, string Connection, BusinessCalendar Calendar);
}
