namespace CrmCadenceSync.Worker.Unsubscribe;

/// <summary>What a valid unsubscribe link names: the contact on one connection and the enrollment whose email carried it.</summary>
public sealed record UnsubscribeRequest(string Connection, string ContactCrmId, Guid EnrollmentId, DateTimeOffset ExpiresAt);
