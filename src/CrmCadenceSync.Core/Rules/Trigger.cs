using CrmCadenceSync.Core.Contacts;

namespace CrmCadenceSync.Core.Rules;

/// <summary>A compiled trigger: who it reaches, which cadence they enter, and the fields its events must carry.</summary>
public sealed class Trigger
{
    public required string Name { get; init; }

    public required string CadenceId { get; init; }

    public decimal? MinScore { get; init; }

    public decimal? MaxScore { get; init; }

    public SegmentFilter Filter { get; init; } = SegmentFilter.None;

    public IReadOnlyList<string> Fields { get; init; } = [];

    /// <summary>The label enrollments made by this trigger carry where a segment's name would be.</summary>
    public string EnrollmentLabel => $"Trigger: {Name}";

    /// <summary>A score band, if given, must hold (a contact without a score fails it); the filters must all hold.</summary>
    public bool Matches(Contact contact)
    {
        if (MinScore is not null || MaxScore is not null)
        {
            if (contact.LeadScore is not { } score || score < (MinScore ?? decimal.MinValue) || score >= (MaxScore ?? decimal.MaxValue))
            {
                return false;
            }
        }

        return Filter.Matches(contact);
    }
}
