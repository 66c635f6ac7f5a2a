using AutoMapper;
using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.HubSpot.Api.Dtos;
using CrmCadenceSync.HubSpot.Options;

namespace CrmCadenceSync.HubSpot.Mapping;

/// <summary>HubSpot contact record → canonical <see cref="Contact"/>, with the property names from the connection's field mapping.</summary>
public sealed class HubSpotContactProfile : Profile
{
    public HubSpotContactProfile(string connection, HubSpotFieldMapping map)
    {
        ArgumentNullException.ThrowIfNull(map);
        CreateMap<HubSpotObject, Contact>()
            .ForMember(d => d.Connection, o => o.MapFrom(_ => connection))
            .ForMember(d => d.CrmId, o => o.MapFrom(s => s.Id))
            .ForMember(d => d.RecordType, o => o.MapFrom(_ => ContactRecordType.Contact))
            .ForMember(d => d.Email, o => o.MapFrom(s => HubSpotValues.Text(s, map.Email)))
            .ForMember(d => d.FirstName, o => o.MapFrom(s => HubSpotValues.Text(s, map.FirstName)))
            .ForMember(d => d.LastName, o => o.MapFrom(s => HubSpotValues.Text(s, map.LastName)))
            .ForMember(d => d.Company, o => o.MapFrom(s => HubSpotValues.Text(s, map.Company)))
            .ForMember(d => d.Title, o => o.MapFrom(s => HubSpotValues.Text(s, map.Title)))
            .ForMember(d => d.OwnerId, o => o.MapFrom(s => HubSpotValues.Text(s, map.OwnerId)))
            .ForMember(d => d.TimeZone, o => o.MapFrom(s => HubSpotValues.Text(s, map.TimeZone)))
            .ForMember(d => d.LeadScore, o => o.MapFrom(s => HubSpotValues.Number(s, map.LeadScore)))
            .ForMember(d => d.LifecycleStage, o => o.MapFrom(s => HubSpotValues.Text(s, map.LifecycleStage)))
            .ForMember(d => d.LeadSource, o => o.MapFrom(s => HubSpotValues.Text(s, map.LeadSource)))
            .ForMember(d => d.Country, o => o.MapFrom(s => HubSpotValues.Text(s, map.Country)))
            .ForMember(d => d.EmailOptOut, o => o.MapFrom(s => HubSpotValues.Flag(s, map.EmailOptOut)))
            .ForMember(d => d.DoNotCall, o => o.MapFrom(s => HubSpotValues.Flag(s, map.DoNotCall)))
            .ForMember(d => d.EmailBounced, o => o.MapFrom(s => HubSpotValues.Flag(s, map.EmailBounced)))
            .ForMember(d => d.LastReply, o => o.Ignore())
            .ForMember(d => d.LastRepliedAt, o => o.MapFrom(s => HubSpotValues.Time(s, map.LastRepliedAt)))
            .ForMember(d => d.LastMeetingBookedAt, o => o.MapFrom(s => HubSpotValues.Time(s, map.LastMeetingBookedAt)))
            .ForMember(d => d.LastEmailOpenedAt, o => o.MapFrom(s => HubSpotValues.Time(s, map.LastEmailOpenedAt)))
            .ForMember(d => d.LastEmailClickedAt, o => o.MapFrom(s => HubSpotValues.Time(s, map.LastEmailClickedAt)))
            .ForMember(d => d.IsConverted, o => o.MapFrom(_ => false))
            .ForMember(d => d.IsDeleted, o => o.MapFrom(s => s.Archived))
            .ForMember(d => d.MergedIntoCrmId, o => o.MapFrom(_ => (string?)null))
            .ForMember(d => d.ConvertedContactCrmId, o => o.Ignore())
            .ForMember(d => d.UpdatedAt, o => o.MapFrom(s => HubSpotValues.Time(s, "lastmodifieddate") ?? s.UpdatedAt ?? DateTimeOffset.UnixEpoch))
            .ForMember(d => d.Properties, o => o.MapFrom(s => new Dictionary<string, string?>(s.Properties, StringComparer.OrdinalIgnoreCase)));
    }
}
