using System.Net;
using CrmCadenceSync.HubSpot.Api;
using CrmCadenceSync.HubSpot.Options;
using Microsoft.Extensions.Logging;

namespace CrmCadenceSync.HubSpot.Setup;

/// <summary>Creates our property group and custom properties where they are missing; running it twice changes nothing.</summary>
internal sealed partial class HubSpotSetup(string connection, IHubSpotCrmApi api, Func<HubSpotConnectionOptions> options, ILogger logger)
{
    /// <returns>The properties created by this run, as <c>objectType.name</c>.</returns>
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken)
    {
        var version = options().ApiVersion;
        var created = new List<string>();
        foreach (var (objectType, wanted) in HubSpotCustomProperties.ByObjectType)
        {
            var existing = await api.ListPropertiesAsync(version, objectType, cancellationToken).Unwrapped().ConfigureAwait(false);
            var names = existing.Results.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            var missing = wanted.Where(p => !names.Contains(p.Name)).ToList();
            if (missing.Count == 0)
            {
                continue;
            }

            using (var group = await api.CreatePropertyGroupAsync(version, objectType, HubSpotCustomProperties.Group, cancellationToken).Received().ConfigureAwait(false))
            {
                EnsureCreatedOrExists(group.Status(), group.ErrorBody(), $"property group {objectType}.{HubSpotCustomProperties.GroupName}");
            }

            foreach (var property in missing)
            {
                using var response = await api.CreatePropertyAsync(version, objectType, property, cancellationToken).Received().ConfigureAwait(false);
                EnsureCreatedOrExists(response.Status(), response.ErrorBody(), $"property {objectType}.{property.Name}");
                created.Add($"{objectType}.{property.Name}");
                LogCreated(connection, objectType, property.Name);
            }
        }

        return created;
    }

    private void EnsureCreatedOrExists(HttpStatusCode status, string? body, string what)
    {
        if ((int)status is >= 200 and < 300 || status == HttpStatusCode.Conflict)
        {
            return;
        }

        throw new InvalidOperationException($"Setup of connection '{connection}' could not create the {what}: HubSpot answered {(int)status}: {body}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {Connection}: created HubSpot property {ObjectType}.{Property}")]
    private partial void LogCreated(string connection, string objectType, string property);
}
