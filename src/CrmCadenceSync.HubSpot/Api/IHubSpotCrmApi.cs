using CrmCadenceSync.HubSpot.Api.Dtos;
using Refit;

namespace CrmCadenceSync.HubSpot.Api;

/// <summary>HubSpot's date-based CRM API (<c>/crm/objects/{version}/…</c>); the version comes from configuration.</summary>
public interface IHubSpotCrmApi
{
    [Get("/crm/objects/{version}/contacts")]
    Task<CollectionResponse> ListContactsAsync(
        string version,
        int limit,
        string? after,
        [Query(CollectionFormat.Csv)] IEnumerable<string> properties,
        CancellationToken cancellationToken);

    [Post("/crm/objects/{version}/{objectType}/search")]
    Task<SearchResponse> SearchAsync(string version, string objectType, [Body] SearchRequest request, CancellationToken cancellationToken);

    [Post("/crm/objects/{version}/{objectType}/batch/read")]
    Task<BatchResponse> BatchReadAsync(
        string version,
        string objectType,
        [Body] BatchReadRequest request,
        bool archived,
        CancellationToken cancellationToken);

    [Post("/crm/objects/{version}/{objectType}/batch/create")]
    Task<IApiResponse<BatchResponse>> BatchCreateAsync(
        string version,
        string objectType,
        [Body] BatchCreateRequest request,
        CancellationToken cancellationToken);

    [Post("/crm/objects/{version}/{objectType}/batch/update")]
    Task<IApiResponse<BatchResponse>> BatchUpdateAsync(
        string version,
        string objectType,
        [Body] BatchUpdateRequest request,
        CancellationToken cancellationToken);

    /// <summary>Unsubscribes an email address from all subscriptions on a channel (communication preferences, wide status).</summary>
    [Post("/communication-preferences/{version}/statuses/{subscriberIdString}/unsubscribe-all")]
    Task<IApiResponse<WideStatusResponse>> UnsubscribeAllAsync(string version, string subscriberIdString, string channel, CancellationToken cancellationToken);

    [Get("/crm/owners/{version}")]
    Task<OwnersPage> ListOwnersAsync(string version, int limit, string? after, CancellationToken cancellationToken);

    [Get("/crm/properties/{version}/{objectType}")]
    Task<PropertiesResponse> ListPropertiesAsync(string version, string objectType, CancellationToken cancellationToken);

    [Get("/crm/properties/{version}/{objectType}/{propertyName}")]
    Task<EnumerationProperty> GetEnumerationPropertyAsync(string version, string objectType, string propertyName, CancellationToken cancellationToken);

    /// <summary>The records associated with each input (v4 associations, date-based path).</summary>
    [Post("/crm/associations/{version}/{fromObjectType}/{toObjectType}/batch/read")]
    Task<AssociationBatchResponse> BatchReadAssociationsAsync(
        string version,
        string fromObjectType,
        string toObjectType,
        [Body] AssociationBatchReadRequest request,
        CancellationToken cancellationToken);

    [Post("/crm/properties/{version}/{objectType}")]
    Task<IApiResponse<PropertyDefinition>> CreatePropertyAsync(
        string version,
        string objectType,
        [Body] PropertyDefinition property,
        CancellationToken cancellationToken);

    [Post("/crm/properties/{version}/{objectType}/groups")]
    Task<IApiResponse<PropertyGroup>> CreatePropertyGroupAsync(
        string version,
        string objectType,
        [Body] PropertyGroup group,
        CancellationToken cancellationToken);

    /// <summary>Completes blocked custom workflow action executions (the callbacks API's batch form; answers 204).</summary>
    [Post("/automation/actions/callbacks/{version}/complete")]
    Task<IApiResponse> CompleteCallbacksAsync(string version, [Body] CallbackCompletionBatch batch, CancellationToken cancellationToken);

    /// <summary>Completes one blocked execution (answers 204).</summary>
    [Post("/automation/actions/callbacks/{version}/{callbackId}/complete")]
    Task<IApiResponse> CompleteCallbackAsync(string version, string callbackId, [Body] CallbackOutputs outputs, CancellationToken cancellationToken);
}
