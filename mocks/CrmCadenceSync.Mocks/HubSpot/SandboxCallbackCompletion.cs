namespace CrmCadenceSync.Mocks.HubSpot;

/// <summary>One completion the sandbox accepted: which callback, with which outputs, when.</summary>
public sealed record SandboxCallbackCompletion(string CallbackId, IReadOnlyDictionary<string, string> OutputFields, DateTimeOffset At);
