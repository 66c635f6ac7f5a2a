namespace CrmCadenceSync.Core.Metrics;

/// <param name="NoConsentSkips">Automated email steps skipped because the contact lacked the consent <c>Compliance:Consent</c> requires.</param>
public sealed record MetricsReport(IReadOnlyList<CadenceMetrics> Cadences, IReadOnlyList<SegmentMetrics> Segments, int NoConsentSkips = 0);
