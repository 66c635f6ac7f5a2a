using System.Globalization;
using CrmCadenceSync.Core.Rules;

namespace CrmCadenceSync.Worker.Commands;

/// <summary>Prints a compiled rule set the way an admin reads it: segments in order, each cadence as a timeline.</summary>
internal static class RuleSetSummary
{
    public static void Write(RuleSet rules, TextWriter output)
    {
        output.WriteLine($"The rule set is valid: {rules.Segments.Count} segments, {rules.Cadences.Count} cadences.");
        output.WriteLine();
        output.WriteLine("Segments (the first match wins):");
        foreach (var segment in rules.Segments)
        {
            var filters = segment.Filter.IsEmpty ? "" : " (with filters)";
            output.WriteLine($"  {segment.Name,-16} {segment.BandDescription + filters,-28} -> {segment.CadenceId}");
        }

        foreach (var cadence in rules.Cadences.Values)
        {
            var calendar = cadence.Calendar;
            output.WriteLine();
            output.WriteLine($"Cadence {cadence.Id}: {cadence.Name}, {cadence.Steps.Count} steps");
            output.WriteLine($"  {cadence.TimeZone.Id} by default, {calendar.Start:HH\\:mm} to {calendar.End:HH\\:mm} on business days, {calendar.Holidays.Count} holidays");
            foreach (var step in cadence.Steps)
            {
                output.WriteLine($"  {When(step),-12} {step.Channel,-10} {step.Kind,-12} {step.Priority,-7} {step.Id}{Extras(step)}");
            }
        }

        if (rules.Triggers.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Triggers (POST /api/triggers/{name}):");
            foreach (var trigger in rules.Triggers.Values)
            {
                output.WriteLine($"  {trigger.Name,-16} -> {trigger.CadenceId}; fields {string.Join(", ", trigger.Fields)}");
            }
        }

        if (rules.Roles.Names.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"Roles (by persona, else job title): {string.Join(", ", rules.Roles.Names)}");
        }

        var policies = rules.Policies;
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Policies: on segment change {policies.OnSegmentChange}; re-enroll after {policies.ReenrollAfter.TotalDays} days{Reenroll(policies)}; held at most {policies.MaxHeld.TotalDays} days; at most {policies.RepDailyTaskCap} tasks per rep per day; suppressed steps: {policies.OnSuppressedStep}; paused in: {(policies.PauseInLifecycleStages.Count == 0 ? "none" : string.Join(", ", policies.PauseInLifecycleStages))}."));
    }

    private static string Extras(Step step)
    {
        var extras = new List<string>();
        if (step.Variants.Count > 1)
        {
            extras.Add("variants " + string.Join(", ", step.Variants.Select(v => v.ForEveryone ? $"{v.Name} ({v.Weight})" : $"{v.Name} (for {string.Join(", ", v.Roles)})")));
        }

        if (step.SkipForRoles.Count > 0)
        {
            extras.Add("skipped for " + string.Join(", ", step.SkipForRoles.Order(StringComparer.Ordinal)));
        }

        return extras.Count == 0 ? "" : "  [" + string.Join("; ", extras) + "]";
    }

    private static string When(Step step) => (step.DayOffset, step.DelayAfterPrevious, step.AfterSignal) switch
    {
        ({ } day, _, _) => $"day {day + 1}",
        (_, { } delay, _) => $"+{delay.TotalDays:0.##}d",
        (_, _, { } wait) => $"+{wait.BusinessDays}bd {SignalWord(wait.Signal)}",
        _ => "",
    };

    private static string SignalWord(EngagementSignal signal) => signal switch
    {
        EngagementSignal.LastEmailOpened => "on open",
        EngagementSignal.LastEmailClicked => "on click",
        _ => "on reply",
    };

    /// <summary>The per-reason exceptions to the general cooldown: " (same cadence: Replied never, NoResponse after 90 days)".</summary>
    private static string Reenroll(Policies policies) =>
        policies.Reenroll.Count == 0
            ? ""
            : $" (same cadence: {string.Join(", ", policies.Reenroll.OrderBy(r => r.Key).Select(r => r.Value is { } wait ? $"{r.Key} after {wait.TotalDays} days" : $"{r.Key} never"))})";
}
