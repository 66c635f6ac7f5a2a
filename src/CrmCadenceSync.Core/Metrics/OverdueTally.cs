namespace CrmCadenceSync.Core.Metrics;

/// <summary>Tasks written for a cadence's enrollments in a segment, past due, that the CRM has not reported completed.</summary>
public sealed record OverdueTally(string CadenceId, string Segment, int Tasks);
