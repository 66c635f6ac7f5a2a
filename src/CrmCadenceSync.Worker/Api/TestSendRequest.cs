namespace CrmCadenceSync.Worker.Api;

public sealed record TestSendRequest(string? Connection, string? Contact, string? Cadence, string? Step, string? To);
