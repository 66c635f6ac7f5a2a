namespace CrmCadenceSync.Worker.Admin.Access;

/// <summary>
/// Refuses (403, before anything runs) a state-changing request that a browser sent from another site: its
/// <c>Origin</c> is not this worker's own, or, without an <c>Origin</c>, <c>Sec-Fetch-Site</c> says cross-site. Callers
/// that are not browsers send neither header and pass; endpoints that authenticate by signature are left alone.
/// Together with the host filter (<c>AllowedHosts</c>) this keeps a web page the operator visits from driving a
/// worker on loopback, where no key is needed.
/// </summary>
internal sealed class SameOriginMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (EndpointRoles.IsRead(request.Method)
            || context.GetEndpoint()?.Metadata.GetMetadata<SignatureAuthenticatedMetadata>() is not null
            || FromThisSite(request))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Cross-site request refused",
                Detail = $"A change must come from this worker's own page (Origin '{request.Headers.Origin}' is not {request.Scheme}://{request.Host}).",
            },
        });
    }

    private static bool FromThisSite(HttpRequest request)
    {
        if (request.Headers.Origin is not [{ } origin])
        {
            // Several Origin values is never a browser's; no Origin: a non-browser client, or an old browser's fetch metadata.
            return request.Headers.Origin.Count == 0
                && request.Headers["Sec-Fetch-Site"] is not ["cross-site"] and not ["same-site"];
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || !request.Host.HasValue
            || !uri.Host.Trim('[', ']').Equals(request.Host.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Behind a proxy that ends TLS the worker sees http for an https page: the host decides then; otherwise the port too.
        return !uri.Scheme.Equals(request.Scheme, StringComparison.OrdinalIgnoreCase)
            || uri.Port == (request.Host.Port ?? (request.IsHttps ? 443 : 80));
    }
}
