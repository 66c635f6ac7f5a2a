using System.Text.Json;
using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Identity;
using CrmCadenceSync.Storage.Entities;

namespace CrmCadenceSync.Storage.Mapping;

/// <summary>Between the canonical contact and its stored snapshot.</summary>
public static class ContactMapping
{
    public static Contact ToContact(this ContactEntity entity) => new()
    {
        Connection = entity.Connection,
        CrmId = entity.CrmId,
        RecordType = Enum.Parse<ContactRecordType>(entity.RecordType),
        Email = entity.Email,
        FirstName = entity.FirstName,
        LastName = entity.LastName,
        Company = entity.Company,
        Title = entity.Title,
        OwnerId = entity.OwnerId,
        TimeZone = entity.TimeZone,
        LeadScore = entity.LeadScore,
        LifecycleStage = entity.LifecycleStage,
        LeadSource = entity.LeadSource,
        Country = entity.Country,
        EmailOptOut = entity.EmailOptOut,
        DoNotCall = entity.DoNotCall,
        EmailBounced = entity.EmailBounced,
        LastRepliedAt = entity.LastRepliedAt,
        LastMeetingBookedAt = entity.LastMeetingBookedAt,
        LastEmailOpenedAt = entity.LastEmailOpenedAt,
        LastEmailClickedAt = entity.LastEmailClickedAt,
        IsConverted = entity.IsConverted,
        ConvertedContactCrmId = entity.ConvertedContactCrmId,
        IsDeleted = entity.IsDeleted,
        MergedIntoCrmId = entity.MergedIntoCrmId,
        UpdatedAt = entity.UpdatedAt,
        Properties = JsonSerializer.Deserialize<Dictionary<string, string?>>(entity.PropertiesJson) is { } properties
            ? new Dictionary<string, string?>(properties, StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase),
    };

    public static ContactEntity ToEntity(this Contact contact, DateTimeOffset snapshotAt)
    {
        var entity = new ContactEntity { Connection = contact.Connection, CrmId = contact.CrmId, RecordType = "" };
        contact.CopyTo(entity, snapshotAt);
        return entity;
    }

    /// <summary>Overwrites a tracked snapshot with the contact as it is now.</summary>
    public static void CopyTo(this Contact contact, ContactEntity entity, DateTimeOffset snapshotAt)
    {
        entity.RecordType = contact.RecordType.ToString();
        entity.Email = contact.Email;
        entity.EmailKey = IdentityKey.Normalise(contact.Email);
        entity.FirstName = contact.FirstName;
        entity.LastName = contact.LastName;
        entity.Company = contact.Company;
        entity.Title = contact.Title;
        entity.OwnerId = contact.OwnerId;
        entity.TimeZone = contact.TimeZone;
        entity.LeadScore = contact.LeadScore;
        entity.LifecycleStage = contact.LifecycleStage;
        entity.LeadSource = contact.LeadSource;
        entity.Country = contact.Country;
        entity.EmailOptOut = contact.EmailOptOut;
        entity.DoNotCall = contact.DoNotCall;
        entity.EmailBounced = contact.EmailBounced;
        entity.LastRepliedAt = contact.LastRepliedAt;
        entity.LastMeetingBookedAt = contact.LastMeetingBookedAt;
        entity.LastEmailOpenedAt = contact.LastEmailOpenedAt;
        entity.LastEmailClickedAt = contact.LastEmailClickedAt;
        entity.IsConverted = contact.IsConverted;
        entity.ConvertedContactCrmId = contact.ConvertedContactCrmId;
        entity.IsDeleted = contact.IsDeleted;
        entity.MergedIntoCrmId = contact.MergedIntoCrmId;
        entity.UpdatedAt = contact.UpdatedAt;
        entity.PropertiesJson = JsonSerializer.Serialize(contact.Properties);
        entity.SnapshotAt = snapshotAt;
    }
}
