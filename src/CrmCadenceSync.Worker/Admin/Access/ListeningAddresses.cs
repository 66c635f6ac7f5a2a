using System.Net;

namespace CrmCadenceSync.Worker.Admin.Access;

/// <summary>Whether the worker listens on loopback only, from <c>Urls</c> (and any <c>Kestrel:Endpoints:*:Url</c>).</summary>
internal static class ListeningAddresses
{
    /// <summary>Kestrel's default when nothing is configured.</summary>
    private const string KestrelDefault = "http://localhost:5000";

    public static IReadOnlyList<string> Of(IConfiguration configuration)
    {
        var urls = (configuration["Urls"] ?? KestrelDefault).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>();
        return [.. urls.Concat(endpoints)];
    }

    public static bool LoopbackOnly(IConfiguration configuration) => Of(configuration).All(IsLoopback);

    private static bool IsLoopback(string url)
    {
        // "http://*:80" and "http://+:80" are not valid URIs; they bind every interface.
        if (!Uri.TryCreate(url.Replace("://*", "://wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
