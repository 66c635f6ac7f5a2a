namespace CrmCadenceSync.Salesforce.Api;

/// <summary>The part of <c>GET sobjects/{type}/describe</c> the schema check reads: the fields the user can see.</summary>
public sealed record SalesforceDescribe(string Name, bool Createable, bool Updateable, IReadOnlyList<SalesforceFieldDescribe> Fields);
