using System.Net.Http.Headers;
using System.Reflection;
using CrmCadenceSync.Storage.Options;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Extensions;

public static class CrmUserAgentExtensions
{
    /// <summary>
    /// Every outgoing HTTP call names the product, its version and the instance (<c>Cluster:InstanceId</c>), so a CRM
    /// admin reading the portal's or org's API logs can tell which worker of a cluster made a call.
    /// </summary>
    public static IHostApplicationBuilder AddCrmUserAgent(this IHostApplicationBuilder builder)
    {
        var version = typeof(CrmUserAgentExtensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";
        builder.Services.ConfigureHttpClientDefaults(client => client.ConfigureHttpClient((sp, http) =>
        {
            var instance = sp.GetRequiredService<IOptions<ClusterOptions>>().Value.InstanceId;
            http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("CrmCadenceSync", version));
            http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue($"({Comment(instance)})"));
        }));
        return builder;
    }

    /// <summary>The instance id as a header comment: characters a comment cannot carry become '-'.</summary>
    public static string Comment(string instanceId) =>
        string.Concat(instanceId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-'));
}
