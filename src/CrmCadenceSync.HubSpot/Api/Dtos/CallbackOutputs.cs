namespace CrmCadenceSync.HubSpot.Api.Dtos;

/// <summary>The body of the callbacks API's single complete.</summary>
public sealed record CallbackOutputs(IReadOnlyDictionary<string, string> OutputFields);
