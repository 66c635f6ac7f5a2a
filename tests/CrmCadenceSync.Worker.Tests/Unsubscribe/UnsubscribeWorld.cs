using CrmCadenceSync.Mocks.HubSpot;
using CrmCadenceSync.Mocks.Salesforce.State;
using CrmCadenceSync.Mocks.Smtp;
using CrmCadenceSync.Worker.Processing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CrmCadenceSync.Worker.Tests.Unsubscribe;

/// <summary>
/// <see cref="SandboxWorld"/> with the sandbox SMTP relay writing .eml files, unsubscribe links configured, and the
/// nurture cadence's first automated email due right after its welcome note.
/// </summary>
internal sealed class UnsubscribeWorld : IAsyncDisposable
{
    public const string SigningKey = "unsubscribe-test-signing-key-0123456789";
    public const string PublicBaseUrl = "https://cadences.example.com";
    private readonly string mailFolder;

    private UnsubscribeWorld(SandboxWorld world, SandboxSmtpServer relay, string mailFolder)
    {
        World = world;
        Relay = relay;
        this.mailFolder = mailFolder;
    }

    public SandboxWorld World { get; }

    public SandboxSmtpServer Relay { get; }

    public static async Task<UnsubscribeWorld> StartAsync(Action<HubSpotSandboxOptions>? seedHubSpot = null, params string[] settings)
    {
        var mailFolder = Directory.CreateTempSubdirectory("ccs-mail-").FullName;
        var relay = SandboxSmtpServer.Start(mailFolder);
        var world = await SandboxWorld.StartAsync(
            seedHubSpot ?? (_ => { }),
            [
                "--Smtp:Host=127.0.0.1",
                $"--Smtp:Port={relay.Port}",
                "--Smtp:Security=None",
                "--Smtp:FallbackFromAddress=cadences@sandbox.example",
                $"--Unsubscribe:BaseUrl={PublicBaseUrl}",
                $"--Unsubscribe:SigningKey={SigningKey}",
                "--Cadences:2:Steps:1:DelayAfterPrevious=00:00:00",
                .. settings,
            ]);
        return new UnsubscribeWorld(world, relay, mailFolder);
    }

    /// <summary>A nurture-scored HubSpot contact (its cadence starts with a note, then an automated email).</summary>
    public long AddHubSpotContact(string name) => World.AddHubSpotContact(30, name);

    public string HubSpotEmail(long id) => World.HubSpot.Portal.Find("contacts", id)!["email"]!;

    /// <summary>A nurture-scored Salesforce lead.</summary>
    public SandboxRecord AddSalesforceLead(string name)
    {
        var lead = World.AddSalesforceLead(name);
        World.Salesforce.Org.Modify(lead.Id, new Dictionary<string, object?> { ["Lead_Score__c"] = 30m }, World.Time.GetUtcNow());
        return lead;
    }

    /// <summary>The .eml files the relay wrote for messages to <paramref name="address"/>.</summary>
    public List<MimeMessage> MailTo(string address) =>
        [.. Directory.GetFiles(mailFolder, "*.eml")
            .Select(file => MimeMessage.Load(file))
            .Where(m => m.To.Mailboxes.Any(to => string.Equals(to.Address, address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>Everything of a cycle but the outbox: polls, inbox, due steps.</summary>
    public async Task QueueAsync()
    {
        foreach (var connection in new[] { "hubspot", "salesforce" })
        {
            await InScopeAsync<ContactPoller>(p => p.PollAsync(connection, null, CancellationToken.None));
        }

        while (await InScopeAsync<InboxProcessor>(p => p.ProcessBatchAsync(500, CancellationToken.None)) > 0)
        {
        }

        while (await InScopeAsync<DueStepRunner>(r => r.RunBatchAsync(500, CancellationToken.None)) > 0)
        {
        }
    }

    /// <summary>Runs <paramref name="work"/> against the worker's HTTP port, then stops the service.</summary>
    public async Task<T> WithServiceAsync<T>(Func<HttpClient, Task<T>> work)
    {
        var app = await World.StartServiceAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            return await work(client);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>The path and query of a link, to call it on the test's port instead of the public address.</summary>
    public static string Local(Uri link) => link.PathAndQuery;

    public async ValueTask DisposeAsync()
    {
        await World.DisposeAsync();
        Relay.Dispose();
        Directory.Delete(mailFolder, recursive: true);
    }

    private async Task<int> InScopeAsync<T>(Func<T, Task<int>> work)
        where T : notnull
    {
        await using var scope = World.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<T>());
    }
}
