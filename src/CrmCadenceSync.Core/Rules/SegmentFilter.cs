using CrmCadenceSync.Core.Contacts;

namespace CrmCadenceSync.Core.Rules;

/// <summary>Optional conditions beyond the score band. An empty list places no condition.</summary>
public sealed class SegmentFilter
{
    public static readonly SegmentFilter None = new([], [], [], []);

    private readonly string[] lifecycleStages;
    private readonly string[] leadSources;
    private readonly string[] countries;
    private readonly KeyValuePair<string, string[]>[] properties;

    public SegmentFilter(
        IEnumerable<string> lifecycleStages,
        IEnumerable<string> leadSources,
        IEnumerable<string> countries,
        IEnumerable<KeyValuePair<string, string[]>> properties)
    {
        this.lifecycleStages = Normalize(lifecycleStages);
        this.leadSources = Normalize(leadSources);
        this.countries = Normalize(countries);
        this.properties = properties
            .Select(p => new KeyValuePair<string, string[]>(p.Key, Normalize(p.Value)))
            .OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .ToArray();
    }

    /// <summary>The filter as a rule definition writes it: lists of values, and property names to their values.</summary>
    public static SegmentFilter From(
        IEnumerable<string> lifecycleStages,
        IEnumerable<string> leadSources,
        IEnumerable<string> countries,
        IReadOnlyDictionary<string, List<string>> properties) =>
        new(lifecycleStages, leadSources, countries, properties.Select(p => new KeyValuePair<string, string[]>(p.Key, [.. p.Value])));

    public bool IsEmpty =>
        lifecycleStages.Length == 0 && leadSources.Length == 0 && countries.Length == 0 && properties.Length == 0;

    public bool Matches(Contact contact)
    {
        if (!AnyOf(lifecycleStages, contact.LifecycleStage)
            || !AnyOf(leadSources, contact.LeadSource)
            || !AnyOf(countries, contact.Country))
        {
            return false;
        }

        foreach (var (name, values) in properties)
        {
            contact.Properties.TryGetValue(name, out var value);
            if (!AnyOf(values, value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when both filters select exactly the same contacts (the same values, in any order or case).</summary>
    public bool SameAs(SegmentFilter other) =>
        SameValues(lifecycleStages, other.lifecycleStages)
        && SameValues(leadSources, other.leadSources)
        && SameValues(countries, other.countries)
        && properties.Length == other.properties.Length
        && properties.Zip(other.properties).All(pair =>
            string.Equals(pair.First.Key, pair.Second.Key, StringComparison.OrdinalIgnoreCase)
            && SameValues(pair.First.Value, pair.Second.Value));

    private static bool AnyOf(string[] allowed, string? value)
    {
        if (allowed.Length == 0)
        {
            return true;
        }

        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        foreach (var candidate in allowed)
        {
            if (string.Equals(candidate, value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SameValues(string[] left, string[] right) =>
        left.Length == right.Length && left.SequenceEqual(right, StringComparer.OrdinalIgnoreCase);

    private static string[] Normalize(IEnumerable<string> values) =>
        values.Where(v => !string.IsNullOrWhiteSpace(v))
            .Select(v => v.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToArray();
}
