using CrmCadenceSync.Core.Scheduling;

namespace CrmCadenceSync.Core.Rules;

public sealed class Cadence
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string Goal { get; init; } = "";

    /// <summary>The zone touches are timed in when neither the contact nor its owner has one.</summary>
    public required TimeZoneInfo TimeZone { get; init; }

    public required BusinessCalendar Calendar { get; init; }

    /// <summary>In order; a step's <see cref="Step.Number"/> is its 1-based position here.</summary>
    public required IReadOnlyList<Step> Steps { get; init; }

    /// <summary>Call outcomes that end this cadence's enrollments; null when the policy's list applies.</summary>
    public IReadOnlyList<string>? ExitOnCallOutcomes { get; init; }

    /// <summary>Whether a converted lead's enrollment continues on the Contact it became (else it exits as converted).</summary>
    public bool ContinueOnConversion { get; init; } = true;
}
