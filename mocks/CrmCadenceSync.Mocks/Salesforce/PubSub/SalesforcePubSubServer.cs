using System.Net;
using CrmCadenceSync.Mocks.Salesforce.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmCadenceSync.Mocks.Salesforce.PubSub;

/// <summary>The sandbox org's Pub/Sub API: gRPC over HTTP/2 (cleartext) on a loopback port, in process.</summary>
public sealed class SalesforcePubSubServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private SalesforcePubSubServer(WebApplication app, ChangeEventLog log)
    {
        this.app = app;
        Log = log;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
    }

    /// <summary>What a client sets as its Pub/Sub endpoint.</summary>
    public Uri Url { get; }

    public ChangeEventLog Log { get; }

    internal static async Task<SalesforcePubSubServer> StartAsync(SalesforceOrgState org, Func<Uri> instanceUrl, TimeSpan retention, int? port)
    {
        var log = new ChangeEventLog(org, retention);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, port ?? 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(new PubSubSandboxService(org, log, instanceUrl));
        var app = builder.Build();
        app.MapGrpcService<PubSubSandboxService>();
        await app.StartAsync().ConfigureAwait(false);
        return new SalesforcePubSubServer(app, log);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
