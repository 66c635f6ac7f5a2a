namespace CrmCadenceSync.Worker.Admin.Access;

/// <summary>
/// The role a request needs: the endpoint's <see cref="RequiredRoleMetadata"/> (the nearest one wins, so a route can
/// narrow its group's), else <see cref="ApiRole.Viewer"/> for reads and <see cref="ApiRole.Admin"/> for anything else,
/// so a state-changing route someone adds without saying is closed to viewers and operators rather than open.
/// </summary>
public static class EndpointRoles
{
    public static ApiRole Required(Endpoint? endpoint, string method) =>
        endpoint?.Metadata.GetMetadata<RequiredRoleMetadata>()?.Role
        ?? (IsRead(method) ? ApiRole.Viewer : ApiRole.Admin);

    /// <summary>Methods that change nothing (a browser sends them across sites freely, so they must stay reads).</summary>
    public static bool IsRead(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
}
