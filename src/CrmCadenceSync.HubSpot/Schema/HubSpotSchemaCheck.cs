using System.Net;
using CrmCadenceSync.Core.Crm.Schema;
using CrmCadenceSync.HubSpot.Api;
using CrmCadenceSync.HubSpot.Api.Dtos;
using CrmCadenceSync.HubSpot.Options;
using Refit;

namespace CrmCadenceSync.HubSpot.Schema;

/// <summary>
/// Compares the properties the configuration reads and writes with the portal's (properties API), and the scopes the
/// connector's calls need with the token's (token info). Run after setup, which creates our own ccs_* properties.
/// </summary>
internal sealed class HubSpotSchemaCheck(
    string connection,
    IHubSpotCrmApi api,
    IHubSpotOAuthApi oauth,
    Func<HubSpotConnectionOptions> options,
    Func<CancellationToken, ValueTask<string>> accessToken,
    HubSpotPropertyAvailability availability) : ICrmSchemaCheck
{
    private const string CreatePropertiesScope = "crm.schemas.contacts.write";

    public async Task<SchemaReport> CheckSchemaAsync(CancellationToken cancellationToken)
    {
        var current = options();
        var needs = HubSpotPropertyNeeds.For(connection, current)
            .DistinctBy(n => (n.ObjectType, n.Property))
            .ToList();
        var scopes = await ScopesAsync(current, cancellationToken).ConfigureAwait(false);
        var mayCreate = scopes is null || scopes.Contains(CreatePropertiesScope, StringComparer.Ordinal);
        var findings = new List<SchemaFinding>();
        foreach (var group in needs.GroupBy(n => n.ObjectType))
        {
            var existing = await api.ListPropertiesAsync(current.ApiVersion, group.Key, cancellationToken).Unwrapped().ConfigureAwait(false);
            var names = existing.Results.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            findings.AddRange(group
                .Where(n => !names.Contains(n.Property))
                .Select(n => new SchemaFinding(connection, n.ObjectType, n.Property, n.Setting, Severity(n, mayCreate), $"has no property {n.Property}", Fix(n))));
        }

        if (scopes is not null)
        {
            var setting = $"{HubSpotConnectionOptions.SectionName}:{connection}:{(current.UsesOAuth ? "RefreshToken" : "AccessToken")}";
            var where = current.UsesOAuth ? "the app's scopes, then install the app again" : "the private app's scopes (Settings, Integrations, Private apps)";
            findings.AddRange(HubSpotPropertyNeeds.Scopes
                .Where(s => !scopes.Contains(s, StringComparer.Ordinal))
                .Select(s => new SchemaFinding(connection, "token", s, setting, SchemaSeverity.Required, $"lacks the scope {s}", $"add {s} to {where}")));
        }

        availability.Set(findings.Where(f => f.Severity == SchemaSeverity.Optional && f.Entity == HubSpotObjectTypes.Contacts).Select(f => f.Field));
        return new SchemaReport(connection, needs.Count, scopes, findings);
    }

    /// <summary>The token's scopes; null when HubSpot does not say (the token-info endpoint refused or is not there).</summary>
    private async Task<IReadOnlyList<string>?> ScopesAsync(HubSpotConnectionOptions current, CancellationToken cancellationToken)
    {
        try
        {
            var info = current.UsesOAuth
                ? await oauth.GetAccessTokenInfoAsync(await accessToken(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false)
                : await oauth.GetPrivateAppTokenInfoAsync(new PrivateAppTokenKey(current.AccessToken!), cancellationToken).ConfigureAwait(false);
            return info.Scopes;
        }
        catch (ApiException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest)
        {
            return null;
        }
    }

    private static SchemaSeverity Severity((string ObjectType, string Property, string Setting, SchemaSeverity Severity) need, bool mayCreate) =>
        need.Setting == HubSpotPropertyNeeds.OwnProperties && mayCreate ? SchemaSeverity.CreatedAtStartup : need.Severity;

    private static string Fix((string ObjectType, string Property, string Setting, SchemaSeverity Severity) need) =>
        need.Severity == SchemaSeverity.Optional
            ? $"create the {need.ObjectType} property {need.Property} in HubSpot, or remove it from {need.Setting}"
            : need.Setting == HubSpotPropertyNeeds.OwnProperties
                ? $"let the worker create it at start-up (its token needs {CreatePropertiesScope}) or create it by hand"
                : $"create the {need.ObjectType} property {need.Property} in HubSpot, or set {need.Setting} to a property the portal has";
}
