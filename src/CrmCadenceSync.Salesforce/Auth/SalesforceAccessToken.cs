namespace CrmCadenceSync.Salesforce.Auth;

/// <summary>A session: the bearer token and the org's <c>instance_url</c> every REST call goes to.</summary>
public sealed record SalesforceAccessToken(string AccessToken, Uri InstanceUrl);
