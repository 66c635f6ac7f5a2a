namespace CrmCadenceSync.Core.Metrics;

/// <summary>A step that was written to the CRM for an enrollment.</summary>
/// <param name="WrittenAt">When the touch was written; a reply or meeting is credited to the last step written before it.</param>
public sealed record StepRunRecord(Guid EnrollmentId, string StepId, int StepNumber, string? Variant, DateTimeOffset WrittenAt);
