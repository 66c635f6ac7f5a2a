namespace CrmCadenceSync.Worker.Metrics;

/// <summary>
/// Which enrollments the metrics count: those started in the last 7, 30 or 90 days, or all of them. Their replies,
/// meetings and written steps count whenever they came.
/// </summary>
public sealed record MetricsPeriod(string Name, TimeSpan? Length)
{
    public static readonly MetricsPeriod All = new("all", null);

    private static readonly MetricsPeriod[] Known = [new("7d", TimeSpan.FromDays(7)), new("30d", TimeSpan.FromDays(30)), new("90d", TimeSpan.FromDays(90)), All];

    public static string Choices => string.Join(", ", Known.Select(p => p.Name));

    /// <summary>Reads <c>?period=</c>; none given is <see cref="All"/>.</summary>
    public static bool TryParse(string? value, out MetricsPeriod period)
    {
        period = string.IsNullOrEmpty(value) ? All : Known.FirstOrDefault(p => string.Equals(p.Name, value, StringComparison.OrdinalIgnoreCase))!;
        return period is not null;
    }

    /// <summary>The earliest enrollment start counted, or null for all time.</summary>
    public DateTimeOffset? Since(DateTimeOffset now) => Length is { } length ? now - length : null;
}
