namespace CrmCadenceSync.Worker.Admin.Access;

/// <summary>
/// How a route (or a route group) says who may call it: <c>app.MapPost(...).RequireRole(ApiRole.Operator)</c>, or
/// <c>.AuthenticatedBySignature("HubSpot v3 signature")</c> for callers that sign instead of sending a key.
/// </summary>
public static class AccessConventions
{
    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, ApiRole role)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredRoleMetadata(role));

    public static TBuilder AuthenticatedBySignature<TBuilder>(this TBuilder builder, string reason)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new SignatureAuthenticatedMetadata(reason));
}
