namespace CrmCadenceSync.Worker.Admin.Access;

/// <summary>
/// Endpoint metadata: the caller proves itself by a signature (a CRM's webhook signature, an HMAC-signed trigger, a
/// signed unsubscribe token), not by an API key, so the key guard, the roles and the browser Origin check leave it alone.
/// </summary>
/// <param name="Reason">Why no key applies, for the reader and for the access tests that list the exclusions.</param>
public sealed record SignatureAuthenticatedMetadata(string Reason);
