namespace CrmCadenceSync.Core.Metrics;

/// <summary>A responded enrollment as the metrics need it: where it belongs and whose it is (rates count contacts).</summary>
public sealed record EnrollmentRecord(Guid Id, string CadenceId, string Segment, ContactKey Contact, DateTimeOffset EnrolledAt);
