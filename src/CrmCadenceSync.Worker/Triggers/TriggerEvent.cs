namespace CrmCadenceSync.Worker.Triggers;

/// <summary>The body of a trigger call: <c>{ "eventId": "bundle-2026-11", "fields": { "offer_name": "…" } }</c>.</summary>
public sealed record TriggerEvent(string? EventId, Dictionary<string, string?>? Fields);
