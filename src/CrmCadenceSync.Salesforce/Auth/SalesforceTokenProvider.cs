using System.Text.Json;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Salesforce.Api;
using CrmCadenceSync.Salesforce.Configuration;
using Microsoft.Extensions.Logging;
using Refit;

namespace CrmCadenceSync.Salesforce.Auth;

/// <summary>
/// Obtains and caches the session (client credentials or JWT bearer). Refreshes at most once per stale token, so many
/// requests failing together with INVALID_SESSION_ID cause one token request.
/// </summary>
public sealed partial class SalesforceTokenProvider(
    string connection,
    SalesforceConnectionOptions options,
    ISalesforceOAuthApi oauth,
    SalesforceConnectionHealth health,
    TimeProvider time,
    ILogger<SalesforceTokenProvider> logger) : IDisposable
{
    private const string JwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private readonly SemaphoreSlim gate = new(1, 1);
    private SalesforceAccessToken? current;

    /// <summary>The user the current session acts as; null before the first session (or when the org did not say).</summary>
    public string? UserId => current?.UserId;

    public async ValueTask<SalesforceAccessToken> GetAsync(CancellationToken cancellationToken) =>
        current ?? await RefreshAsync(null, cancellationToken).ConfigureAwait(false);

    /// <summary>Requests a new session unless another caller already replaced <paramref name="stale"/>.</summary>
    public async Task<SalesforceAccessToken> RefreshAsync(SalesforceAccessToken? stale, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (current is not null && !ReferenceEquals(current, stale))
            {
                return current;
            }

            if (health.State == ConnectionState.NeedsReauthorisation)
            {
                throw new CrmReauthorisationRequiredException(connection, health.Reason ?? "credentials were refused");
            }

            current = await RequestAsync(cancellationToken).ConfigureAwait(false);
            return current;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private async Task<SalesforceAccessToken> RequestAsync(CancellationToken cancellationToken)
    {
        var useJwt = !string.IsNullOrWhiteSpace(options.PrivateKeyPem);
        var form = useJwt
            ? new Dictionary<string, string>
            {
                ["grant_type"] = JwtBearerGrant,
                ["assertion"] = JwtBearerAssertion.Create(options.ClientId, options.Username, options.LoginUrl, options.PrivateKeyPem, time.GetUtcNow()),
            }
            : new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = options.ClientId,
                ["client_secret"] = options.ClientSecret,
            };

        using var response = await oauth.RequestTokenAsync(form, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode && response.Content is { AccessToken.Length: > 0, InstanceUrl.Length: > 0 } token)
        {
            LogTokenIssued(connection, useJwt ? "JWT bearer" : "client credentials", token.InstanceUrl);
            return new SalesforceAccessToken(token.AccessToken, new Uri(token.InstanceUrl), SalesforceAccessToken.UserIdOf(token.Id));
        }

        var body = (response.Error as ApiException)?.Content;
        var error = ReadError(body);
        var reason = $"token endpoint answered {(int?)response.StatusCode}: {error?.Error ?? "no error code"} ({error?.ErrorDescription ?? body})";
        if (error?.Error is "invalid_grant" or "invalid_client" or "unauthorized_client")
        {
            health.RequireReauthorisation(reason);
            LogReauthorisationRequired(connection, reason);
            throw new CrmReauthorisationRequiredException(connection, reason);
        }

        throw new HttpRequestException($"Salesforce connection '{connection}': {reason}", null, response.StatusCode);
    }

    private static SalesforceOAuthError? ReadError(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<SalesforceOAuthError>(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Salesforce connection '{Connection}' obtained a session by {Flow} for {InstanceUrl}")]
    private partial void LogTokenIssued(string connection, string flow, string instanceUrl);

    [LoggerMessage(Level = LogLevel.Error, Message = "Salesforce connection '{Connection}' needs re-authorisation: {Reason}")]
    private partial void LogReauthorisationRequired(string connection, string reason);
}
