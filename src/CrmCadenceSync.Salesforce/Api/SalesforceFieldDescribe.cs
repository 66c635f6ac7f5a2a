namespace CrmCadenceSync.Salesforce.Api;

/// <summary>One field of a describe: its type, and whether the integration user may set it on create and on update.</summary>
public sealed record SalesforceFieldDescribe(string Name, string? Type, bool Createable, bool Updateable, bool ExternalId);
