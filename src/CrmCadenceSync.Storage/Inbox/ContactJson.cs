using System.Text.Json;
using CrmCadenceSync.Core.Contacts;

namespace CrmCadenceSync.Storage.Inbox;

/// <summary>A polled contact as stored in the inbox; property names stay case-insensitive after the round trip.</summary>
public static class ContactJson
{
    public static string Serialize(Contact contact) => JsonSerializer.Serialize(contact);

    public static Contact Deserialize(string json)
    {
        var contact = JsonSerializer.Deserialize<Contact>(json) ?? throw new InvalidDataException("The stored contact is empty.");
        return contact with { Properties = new Dictionary<string, string?>(contact.Properties, StringComparer.OrdinalIgnoreCase) };
    }
}
