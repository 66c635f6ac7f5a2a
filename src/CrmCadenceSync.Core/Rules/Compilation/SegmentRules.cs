using CrmCadenceSync.Core.Rules.Definitions;

namespace CrmCadenceSync.Core.Rules.Compilation;

/// <summary>Checks and builds the segments: names, bands, cadence references, overlaps and gaps.</summary>
internal static class SegmentRules
{
    public static List<Segment> Compile(
        IReadOnlyList<SegmentDefinition> definitions, IReadOnlySet<string> cadenceIds, List<RuleSetError> errors)
    {
        if (definitions.Count == 0)
        {
            errors.Add(new("The rule set has no segments: add at least one, for example a catch-all with no score band."));
        }

        var segments = new List<Segment>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < definitions.Count; i++)
        {
            var definition = definitions[i];
            var name = definition.Name.Trim();
            if (name.Length == 0)
            {
                errors.Add(new($"Segment #{i + 1} has no name."));
                name = $"#{i + 1}";
            }
            else if (!names.Add(name))
            {
                errors.Add(new($"Segment '{name}' is defined twice."));
            }

            if (definition is { MinScore: { } min, MaxScore: { } max } && min >= max)
            {
                errors.Add(new($"Segment '{name}' has MinScore {ScoreBand.Format(min)}, which is not below its MaxScore {ScoreBand.Format(max)}."));
            }

            if (string.IsNullOrWhiteSpace(definition.Cadence))
            {
                errors.Add(new($"Segment '{name}' names no cadence."));
            }
            else if (!cadenceIds.Contains(definition.Cadence))
            {
                errors.Add(new($"Segment '{name}' names cadence '{definition.Cadence}', which is not defined."));
            }

            segments.Add(new Segment
            {
                Name = name,
                Order = i,
                MinScore = definition.MinScore,
                MaxScore = definition.MaxScore,
                Unscored = definition.Unscored,
                CadenceId = definition.Cadence,
                Filter = SegmentFilter.From(definition.LifecycleStages, definition.LeadSources, definition.Countries, definition.Properties),
            });
        }

        CheckOverlaps(segments, errors);
        CheckCoverage(segments, errors);
        return segments;
    }

    private static void CheckOverlaps(List<Segment> segments, List<RuleSetError> errors)
    {
        for (var i = 0; i < segments.Count; i++)
        {
            for (var j = i + 1; j < segments.Count; j++)
            {
                var (first, second) = (segments[i], segments[j]);
                if (!first.Filter.SameAs(second.Filter))
                {
                    continue;
                }

                // A later segment with no band is a deliberate fallback under its filters, not an overlap.
                var (a, b) = (Band(first), Band(second));
                var comparable = first.TakesScored && second.TakesScored && a.IsValid && b.IsValid && !b.IsUnbounded;
                if (comparable && a.Overlaps(b))
                {
                    errors.Add(new($"Segments '{first.Name}' and '{second.Name}' overlap on scores {a.Intersect(b)} under the same filters; a contact there would only ever reach '{first.Name}'."));
                }

                if (first.Unscored && second.Unscored)
                {
                    errors.Add(new($"Segments '{first.Name}' and '{second.Name}' both take unscored contacts under the same filters; only '{first.Name}' would ever get them."));
                }
            }
        }
    }

    /// <summary>Every score must reach some segment: the unfiltered bands must cover the number line, or a catch-all must exist.</summary>
    private static void CheckCoverage(List<Segment> segments, List<RuleSetError> errors)
    {
        if (segments.Count == 0 || segments.Any(s => s.IsCatchAll))
        {
            return;
        }

        var bands = segments.Where(s => s.Filter.IsEmpty && s.TakesScored).Select(Band)
            .OrderBy(b => b.Min ?? decimal.MinValue).ToList();
        decimal? coveredTo = decimal.MinValue;
        var gaps = new List<ScoreBand>();
        foreach (var band in bands)
        {
            var start = band.Min ?? decimal.MinValue;
            if (coveredTo is { } reached && start > reached)
            {
                gaps.Add(new ScoreBand(reached == decimal.MinValue ? null : reached, start));
            }

            coveredTo = band.Max is null || coveredTo is null ? null : Math.Max(coveredTo.Value, band.Max.Value);
        }

        if (coveredTo is { } end)
        {
            gaps.Add(new ScoreBand(end == decimal.MinValue ? null : end, null));
        }

        foreach (var gap in gaps)
        {
            errors.Add(new(gap.IsUnbounded
                ? "No segment takes scored contacts: add segments with score bands, or a catch-all segment (no score band, no filters)."
                : $"No segment reaches scores {gap}: add a segment for them, or a catch-all segment (no score band, no filters)."));
        }
    }

    private static ScoreBand Band(Segment segment) => new(segment.MinScore, segment.MaxScore);
}
