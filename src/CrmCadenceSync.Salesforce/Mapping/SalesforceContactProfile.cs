using AutoMapper;
using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Salesforce.Api;
using CrmCadenceSync.Salesforce.Configuration;

namespace CrmCadenceSync.Salesforce.Mapping;

/// <summary>Salesforce Leads, Contacts and Users to the canonical contact and owner, with field names from configuration.</summary>
public sealed class SalesforceContactProfile : Profile
{
    public SalesforceContactProfile(string connection, SalesforceFieldMapping fields)
    {
        ArgumentNullException.ThrowIfNull(fields);

        CreateMap<SalesforceRecord, Contact>()
            .ForMember(d => d.Connection, o => o.MapFrom(_ => connection))
            .ForMember(d => d.CrmId, o => o.MapFrom(s => s.GetString("Id")))
            .ForMember(d => d.RecordType, o => o.MapFrom(s => s.TypeName() == SalesforceObjects.Lead ? ContactRecordType.Lead : ContactRecordType.Contact))
            .ForMember(d => d.Email, o => o.MapFrom(s => s.GetString("Email")))
            .ForMember(d => d.FirstName, o => o.MapFrom(s => s.GetString("FirstName")))
            .ForMember(d => d.LastName, o => o.MapFrom(s => s.GetString("LastName")))
            .ForMember(d => d.Company, o => o.MapFrom(s => s.GetString("Company")))
            .ForMember(d => d.Title, o => o.MapFrom(s => s.GetString("Title")))
            .ForMember(d => d.OwnerId, o => o.MapFrom(s => s.GetString("OwnerId")))
            .ForMember(d => d.TimeZone, o => o.MapFrom(s => s.GetString(fields.TimeZoneField)))
            .ForMember(d => d.LeadScore, o => o.MapFrom(s => s.GetDecimal(fields.ScoreField)))
            .ForMember(d => d.LifecycleStage, o => o.MapFrom(s => s.TypeName() == SalesforceObjects.Lead ? s.GetString(fields.LeadStageField) : null))
            .ForMember(d => d.LeadSource, o => o.MapFrom(s => s.GetString("LeadSource")))
            .ForMember(d => d.Country, o => o.MapFrom(s => s.GetString(s.TypeName() == SalesforceObjects.Lead ? fields.LeadCountryField : fields.ContactCountryField)))
            .ForMember(d => d.EmailOptOut, o => o.MapFrom(s => s.GetBoolean(fields.EmailOptOutField)))
            .ForMember(d => d.DoNotCall, o => o.MapFrom(s => s.GetBoolean(fields.DoNotCallField)))
            .ForMember(d => d.EmailBounced, o => o.MapFrom(s => s.GetString(fields.EmailBouncedDateField) != null))
            .ForMember(d => d.IsConverted, o => o.MapFrom(s => s.GetBoolean("IsConverted")))
            .ForMember(d => d.ConvertedContactCrmId, o => o.MapFrom(s => s.TypeName() == SalesforceObjects.Lead ? s.GetString("ConvertedContactId") : null))
            .ForMember(d => d.UpdatedAt, o => o.MapFrom(s => s.GetDateTime("SystemModstamp") ?? DateTimeOffset.UnixEpoch))
            .ForMember(d => d.Properties, o => o.MapFrom(s => SalesforceMergeFields.From(s)))
            .ForMember(d => d.LastReply, o => o.Ignore())
            .ForMember(d => d.LastRepliedAt, o => o.MapFrom(s => Engagement(s, fields.LastRepliedAtField)))
            .ForMember(d => d.LastMeetingBookedAt, o => o.MapFrom(s => Engagement(s, fields.LastMeetingBookedAtField)))
            .ForMember(d => d.LastEmailOpenedAt, o => o.MapFrom(s => Engagement(s, fields.LastEmailOpenedAtField)))
            .ForMember(d => d.LastEmailClickedAt, o => o.MapFrom(s => Engagement(s, fields.LastEmailClickedAtField)))
            // Removals come from getDeleted, not from the record's fields.
            .ForMember(d => d.IsDeleted, o => o.Ignore())
            .ForMember(d => d.MergedIntoCrmId, o => o.Ignore());

        CreateMap<SalesforceRecord, Owner>()
            .ForCtorParam(nameof(Owner.Id), o => o.MapFrom(s => s.GetString("Id")))
            .ForCtorParam(nameof(Owner.FirstName), o => o.MapFrom(s => s.GetString("FirstName")))
            .ForCtorParam(nameof(Owner.LastName), o => o.MapFrom(s => s.GetString("LastName")))
            .ForCtorParam(nameof(Owner.Email), o => o.MapFrom(s => s.GetString("Email")))
            .ForCtorParam(nameof(Owner.TimeZone), o => o.MapFrom(s => s.GetString("TimeZoneSidKey")))
            .ForAllMembers(o => o.Ignore());
    }

    private static DateTimeOffset? Engagement(SalesforceRecord record, string? field) =>
        string.IsNullOrEmpty(field) ? null : record.GetDateTime(field);
}
