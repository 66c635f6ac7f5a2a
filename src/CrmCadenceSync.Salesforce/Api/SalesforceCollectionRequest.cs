using System.Text.Json.Nodes;

namespace CrmCadenceSync.Salesforce.Api;

/// <summary>The body of an sObject Collections call; each record carries <c>attributes.type</c>.</summary>
public sealed record SalesforceCollectionRequest(bool AllOrNone, IReadOnlyList<JsonObject> Records);
