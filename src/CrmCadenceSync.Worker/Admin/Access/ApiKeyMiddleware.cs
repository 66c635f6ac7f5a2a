using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Admin.Access;

/// <summary>
/// Guards the admin page, the operators' <c>/metrics</c> and every <c>/api</c> route except the HMAC-signed triggers. A key comes as <c>X-Api-Key</c>,
/// <c>Authorization: Bearer</c>, or the password of <c>Authorization: Basic</c> (so a browser can open the page); it is
/// compared in constant time against the SHA-256 of each configured key. Without a valid key where one is needed the
/// answer is 401, and with a key whose role is below the endpoint's (<see cref="EndpointRoles"/>) 403; either way the
/// request goes no further, so nothing changes. Basic credentials count for reads only.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<AdminOptions> options, IConfiguration configuration, IProblemDetailsService problems)
{
    public const string HeaderName = "X-Api-Key";

    private readonly bool required = options.Value.RequireApiKey || !ListeningAddresses.LoopbackOnly(configuration);

    private readonly IReadOnlyList<(string Name, byte[] Hash)> keys =
        [.. options.Value.ApiKeys.Where(k => !string.IsNullOrEmpty(k.Value)).Select(k => (k.Key, SHA256.HashData(Encoding.UTF8.GetBytes(k.Value))))];

    public static bool Guards(PathString path) =>
        path == "/" || path.StartsWithSegments("/admin") || path.StartsWithSegments("/metrics")
        || (path.StartsWithSegments("/api") && !path.StartsWithSegments("/api/triggers"));

    /// <summary>Guarded by path, unless the endpoint authenticates its caller by a signature instead.</summary>
    public static bool Guards(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<SignatureAuthenticatedMetadata>() is null && Guards(context.Request.Path);

    public async Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        var read = EndpointRoles.IsRead(method);

        // A browser re-sends Basic credentials by itself, like a cookie, so a change needs the key sent on purpose.
        var name = Match(Presented(context.Request, allowBasic: read));
        if (name is null && required)
        {
            var basicOnChange = !read && Presented(context.Request, allowBasic: true) is not null;
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, "An API key is required", basicOnChange
                ? $"A change needs the key as the {HeaderName} header (or Authorization: Bearer <key>), not Basic credentials, which a browser sends by itself; the admin page sends it from its key field."
                : $"Send a key configured under {AdminOptions.SectionName}:ApiKeys as the {HeaderName} header (or Authorization: Bearer <key>).");
            return;
        }

        // No key where none is required (loopback only): full access, as before roles existed.
        var role = name is null ? ApiRole.Admin : options.Value.RoleOf(name);
        var needed = EndpointRoles.Required(context.GetEndpoint(), method);
        if (role < needed)
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "The key's role does not allow this",
                $"The key '{name}' has the role {Describe(role)}; {method} {context.Request.Path} needs {Describe(needed)}. Set {AdminOptions.SectionName}:Roles:{name} or use another key.");
            return;
        }

        AdminActor.Set(context, name ?? AdminActor.Loopback);
        await next(context);
    }

    private static string Describe(ApiRole role) => role.ToString().ToLowerInvariant();

    private Task RefuseAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
        {
            // The page asks the browser for the key (Basic); the API's callers send it themselves, so no browser prompt there.
            context.Response.Headers.WWWAuthenticate = context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/metrics")
                ? "Bearer realm=\"CrmCadenceSync admin\""
                : "Basic realm=\"CrmCadenceSync admin\", charset=\"UTF-8\"";
        }

        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }

    private static string? Presented(HttpRequest request, bool allowBasic)
    {
        if (request.Headers[HeaderName] is [{ Length: > 0 } key])
        {
            return key;
        }

        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var authorization) || authorization.Parameter is null)
        {
            return null;
        }

        if (authorization.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return authorization.Parameter;
        }

        if (!allowBasic || !authorization.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization.Parameter));
            return pair[(pair.IndexOf(':', StringComparison.Ordinal) + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The name of the key presented, comparing against every key so the time taken says nothing about which matched.</summary>
    private string? Match(string? presented)
    {
        if (presented is null)
        {
            return null;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        string? matched = null;
        foreach (var (name, expected) in keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, expected))
            {
                matched = name;
            }
        }

        return matched;
    }
}
