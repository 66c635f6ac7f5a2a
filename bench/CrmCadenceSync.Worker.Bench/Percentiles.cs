namespace CrmCadenceSync.Worker.Bench;

internal static class Percentiles
{
    /// <summary>Nearest-rank percentile of <paramref name="values"/> (0 &lt; <paramref name="p"/> ≤ 100).</summary>
    public static double Of(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
