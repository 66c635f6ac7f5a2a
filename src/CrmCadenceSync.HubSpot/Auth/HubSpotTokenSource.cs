using System.Net;
using System.Text.Json;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.HubSpot.Api;
using CrmCadenceSync.HubSpot.Api.Dtos;
using CrmCadenceSync.HubSpot.Options;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.HubSpot.Auth;

/// <summary>
/// The bearer token for a connection: the configured static token, or an OAuth access token refreshed before
/// <c>expires_in</c> runs out. <c>invalid_grant</c> marks the connection as needing re-authorisation; a new refresh
/// token in configuration clears that state.
/// </summary>
public sealed class HubSpotTokenSource(
    string connection,
    IOptionsMonitor<HubSpotConnectionOptions> options,
    IHubSpotOAuthApi oauth,
    HubSpotConnectionMonitor monitor,
    TimeProvider time) : IDisposable
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim refreshing = new(1, 1);
    private string? accessToken;
    private string? rotatedRefreshToken;
    private string? refusedRefreshToken;
    private DateTimeOffset expiresAt;

    public void Dispose() => refreshing.Dispose();

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var current = options.Get(connection);
        if (!current.UsesOAuth)
        {
            return current.AccessToken!;
        }

        await refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (refusedRefreshToken is not null && refusedRefreshToken != current.RefreshToken)
            {
                refusedRefreshToken = null;
                rotatedRefreshToken = null;
                monitor.Reauthorised();
            }

            monitor.ThrowIfNeedsReauthorisation();
            if (accessToken is not null && time.GetUtcNow() < expiresAt - RefreshMargin)
            {
                return accessToken;
            }

            return await RefreshAsync(current, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            refreshing.Release();
        }
    }

    private async Task<string> RefreshAsync(HubSpotConnectionOptions current, CancellationToken cancellationToken)
    {
        var refreshToken = rotatedRefreshToken ?? current.RefreshToken!;
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = current.ClientId!,
            ["client_secret"] = current.ClientSecret!,
            ["refresh_token"] = refreshToken,
        };
        using var response = await oauth.RequestTokenAsync(current.ApiVersion, form, cancellationToken).Received().ConfigureAwait(false);
        if (response is { IsSuccessStatusCode: true, Content: { } token })
        {
            accessToken = token.AccessToken;
            rotatedRefreshToken = token.RefreshToken ?? refreshToken;
            expiresAt = time.GetUtcNow().AddSeconds(token.ExpiresIn);
            return token.AccessToken;
        }

        var error = ReadError(response.ErrorBody());
        if (response.Status() is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized
            && string.Equals(error?.Error, "invalid_grant", StringComparison.Ordinal))
        {
            var reason = $"HubSpot refused the refresh token (invalid_grant: {error?.ErrorDescription})";
            refusedRefreshToken = current.RefreshToken;
            accessToken = null;
            monitor.RequireReauthorisation(reason);
            throw new CrmReauthorisationRequiredException(connection, reason);
        }

        throw new HttpRequestException(
            $"HubSpot token refresh for connection '{connection}' failed with {(int)response.Status()}: {response.ErrorBody()}",
            null,
            response.StatusCode);
    }

    private static OAuthError? ReadError(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<OAuthError>(body, HubSpotJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
