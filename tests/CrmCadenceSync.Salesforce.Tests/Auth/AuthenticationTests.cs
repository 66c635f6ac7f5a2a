using System.Security.Cryptography;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Mocks.Salesforce;
using CrmCadenceSync.Salesforce.Tests.Support;

namespace CrmCadenceSync.Salesforce.Tests.Auth;

public sealed class AuthenticationTests
{
    [Fact]
    public async Task An_expired_session_is_refreshed_once_and_the_call_retried()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 4, Contacts = 4 });
        await host.Connector.ReadOwnersAsync(CancellationToken.None);
        host.Sandbox.Org.ExpireSessions();

        var owners = await host.Connector.ReadOwnersAsync(CancellationToken.None);

        Assert.Equal(4, owners.Count);
        Assert.Equal(2, host.Sandbox.Org.TokenRequests);
        var statuses = host.Requests.Where(e => e.Path.EndsWith("/query", StringComparison.Ordinal))
            .Select(e => e.Status).ToList();
        Assert.Equal([200, 401, 200], statuses);
    }

    [Fact]
    public async Task Calls_go_to_the_instance_url_with_the_bearer_token()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 4, Contacts = 4 });

        await host.Connector.ReadOwnersAsync(CancellationToken.None);

        var token = Assert.Single(host.Requests, e => e.Path == "/services/oauth2/token");
        Assert.Contains("grant_type=client_credentials", token.Body, StringComparison.Ordinal);
        var query = Assert.Single(host.Requests, e => e.Path == "/services/data/v62.0/query");
        Assert.StartsWith("Bearer 00DSB", query.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_grant_marks_the_connection_as_needing_reauthorisation_and_stops_asking()
    {
        using var host = SalesforceTestHost.Start(new SalesforceSandboxOptions { Leads = 4, Contacts = 4 });
        host.Sandbox.Org.RevokeGrants();

        var first = await Assert.ThrowsAsync<CrmReauthorisationRequiredException>(() => host.Connector.ReadOwnersAsync(CancellationToken.None));
        await Assert.ThrowsAsync<CrmReauthorisationRequiredException>(() => host.Connector.ReadOwnersAsync(CancellationToken.None));

        Assert.Contains("invalid_grant", first.Reason, StringComparison.Ordinal);
        Assert.Equal(ConnectionState.NeedsReauthorisation, host.Connector.State);
        Assert.Equal(1, host.Sandbox.Org.TokenRequests);
    }

    [Fact]
    public async Task The_JWT_bearer_flow_signs_an_RS256_assertion_the_org_verifies()
    {
        using var key = RSA.Create(2048);
        using var host = SalesforceTestHost.Start(
            new SalesforceSandboxOptions { Leads = 4, Contacts = 4, JwtPublicKeyPem = key.ExportSubjectPublicKeyInfoPem() },
            new Dictionary<string, string?>
            {
                ["ClientSecret"] = "",
                ["Username"] = "integration@sandbox.example",
                ["PrivateKeyPem"] = key.ExportPkcs8PrivateKeyPem(),
            });

        var owners = await host.Connector.ReadOwnersAsync(CancellationToken.None);

        Assert.Equal(4, owners.Count);
        var token = Assert.Single(host.Requests, e => e.Path == "/services/oauth2/token");
        Assert.Contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer", token.Body, StringComparison.Ordinal);
        Assert.Equal(200, token.Status);
    }

    [Fact]
    public async Task An_assertion_signed_with_another_key_is_refused_as_invalid_grant()
    {
        using var orgKey = RSA.Create(2048);
        using var otherKey = RSA.Create(2048);
        using var host = SalesforceTestHost.Start(
            new SalesforceSandboxOptions { Leads = 4, Contacts = 4, JwtPublicKeyPem = orgKey.ExportSubjectPublicKeyInfoPem() },
            new Dictionary<string, string?> { ["Username"] = "integration@sandbox.example", ["PrivateKeyPem"] = otherKey.ExportPkcs8PrivateKeyPem() });

        var refused = await Assert.ThrowsAsync<CrmReauthorisationRequiredException>(() => host.Connector.ReadOwnersAsync(CancellationToken.None));

        Assert.Contains("invalid assertion signature", refused.Reason, StringComparison.Ordinal);
    }
}
