namespace CrmCadenceSync.Salesforce.Api;

/// <summary>One record's outcome in a collection call, in request order.</summary>
public sealed record SalesforceSaveResult(string? Id, bool Success, bool? Created, IReadOnlyList<SalesforceError>? Errors);
