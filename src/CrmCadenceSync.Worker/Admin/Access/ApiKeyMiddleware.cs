using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Admin.Access;

/// <summary>
/// Guards the admin page, the operators' <c>/metrics</c> and every <c>/api</c> route except the HMAC-signed triggers. A key comes as <c>X-Api-Key</c>,
/// <c>Authorization: Bearer</c>, or the password of <c>Authorization: Basic</c> (so a browser can open the page); it is
/// compared in constant time against the SHA-256 of each configured key. Without a valid key where one is needed the
/// answer is 401 and the request goes no further, so nothing changes.
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

    public async Task InvokeAsync(HttpContext context)
    {
        var name = Match(Presented(context.Request));
        if (name is null && required)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            // The page asks the browser for the key (Basic); the API's callers send it themselves, so no browser prompt there.
            context.Response.Headers.WWWAuthenticate = context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/metrics")
                ? "Bearer realm=\"CrmCadenceSync admin\""
                : "Basic realm=\"CrmCadenceSync admin\", charset=\"UTF-8\"";
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status401Unauthorized,
                    Title = "An API key is required",
                    Detail = $"Send a key configured under {AdminOptions.SectionName}:ApiKeys as the {HeaderName} header (or Authorization: Bearer <key>).",
                },
            });
            return;
        }

        AdminActor.Set(context, name ?? AdminActor.Loopback);
        await next(context);
    }

    private static string? Presented(HttpRequest request)
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

        if (!authorization.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
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
