namespace CrmCadenceSync.Salesforce.Auth;

/// <summary>A session: the bearer token and the org's <c>instance_url</c> every REST call goes to.</summary>
/// <param name="UserId">The integration user the session acts as (the last segment of the token's identity URL), when the org said.</param>
public sealed record SalesforceAccessToken(string AccessToken, Uri InstanceUrl, string? UserId = null)
{
    /// <summary>The user id at the end of an identity URL such as <c>https://login.salesforce.com/id/00D…/005…</c>.</summary>
    public static string? UserIdOf(string? identityUrl) =>
        Uri.TryCreate(identityUrl, UriKind.Absolute, out var uri) && uri.Segments is [.., var last] && last.StartsWith("005", StringComparison.Ordinal)
            ? last.TrimEnd('/')
            : null;
}
