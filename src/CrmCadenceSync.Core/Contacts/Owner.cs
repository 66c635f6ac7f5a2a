namespace CrmCadenceSync.Core.Contacts;

/// <summary>The rep who owns a contact and receives its tasks.</summary>
public sealed record Owner(string Id, string? FirstName, string? LastName, string? Email, string? TimeZone);
