namespace CrmCadenceSync.HubSpot.Api.Dtos;

/// <summary>The body of the callbacks API's batch complete (<c>inputs</c>, at most 100 per call).</summary>
public sealed record CallbackCompletionBatch(IReadOnlyList<CallbackCompletion> Inputs);
