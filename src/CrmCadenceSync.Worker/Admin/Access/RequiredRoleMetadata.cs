namespace CrmCadenceSync.Worker.Admin.Access;

/// <summary>Endpoint metadata: the least role a key needs to call the endpoint (see <see cref="EndpointRoles"/>).</summary>
public sealed record RequiredRoleMetadata(ApiRole Role);
