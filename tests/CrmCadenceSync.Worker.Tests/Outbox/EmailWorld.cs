using CrmCadenceSync.Demo.Sandbox;
using CrmCadenceSync.Mocks.HubSpot;
using CrmCadenceSync.Mocks.Salesforce;
using CrmCadenceSync.Mocks.Smtp;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Outbox;
using CrmCadenceSync.Worker.Processing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CrmCadenceSync.Worker.Tests.Outbox;

/// <summary>
/// The <c>--once</c> worker on its seeded sandboxes (both CRMs and the SMTP relay) over a SQLite file, on a fake clock,
/// with the nurture cadence's first automated email due at once; its phases can be run one at a time.
/// </summary>
internal sealed class EmailWorld : IAsyncDisposable
{
    private const int BatchSize = 500;
    private readonly string folder;

    private EmailWorld(string folder, IHost host, FakeTimeProvider clock)
    {
        this.folder = folder;
        Host = host;
        Clock = clock;
    }

    public IHost Host { get; }

    public FakeTimeProvider Clock { get; }

    public SandboxSmtpServer Relay => Host.Services.GetRequiredService<SandboxSmtpServer>();

    public HubSpotSandbox HubSpot => Host.Services.GetRequiredKeyedService<HubSpotSandbox>("hubspot");

    public SalesforceSandbox Salesforce => Host.Services.GetRequiredKeyedService<SalesforceSandbox>("salesforce");

    public static async Task<EmailWorld> StartAsync(params string[] settings)
    {
        var folder = Directory.CreateTempSubdirectory("ccs-email-").FullName;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));
        var host = WorkerHost.BuildOnce(
            [
                $"--Storage:ConnectionString=Data Source={Path.Combine(folder, "ccs.db")}",
                "--Sandbox:Contacts=80",
                "--Cadences:2:Steps:1:DelayAfterPrevious=00:00:00",
                "--Logging:LogLevel:Default=Warning",

                // These tests are about each message's fate, so the whole queue may leave at once (MailboxPaceTests paces it).
                "--Smtp:MinSpacingPerMailbox=00:00:00",
                "--Smtp:HourlySendLimitPerMailbox=10000",
                .. settings,
            ],
            services => services.AddSingleton<TimeProvider>(clock),
            DemoSandboxes.Add);
        await host.StartAsync();
        return new EmailWorld(folder, host, clock);
    }

    /// <summary>Everything of a cycle but the outbox: polls, inbox, due steps (which queue the emails and CRM writes).</summary>
    public async Task QueueAsync()
    {
        foreach (var connection in Host.Services.GetRequiredService<ConnectionRegistry>().All)
        {
            await InScopeAsync<ContactPoller>(p => p.PollAsync(connection.Connection, null, CancellationToken.None));
        }

        while (await InScopeAsync<InboxProcessor>(p => p.ProcessBatchAsync(BatchSize, CancellationToken.None)) > 0)
        {
        }

        while (await InScopeAsync<DueStepRunner>(r => r.RunBatchAsync(BatchSize, CancellationToken.None)) > 0)
        {
        }
    }

    /// <summary>Drains one connection's outbox as the drain job does; returns what it threw, if anything.</summary>
    public Task<Exception?> DrainAsync(string connection) => AdvancingAsync(async () =>
    {
        try
        {
            while (await InScopeAsync<OutboxSender>(s => s.SendBatchAsync(connection, BatchSize, CancellationToken.None)) > 0)
            {
            }

            return null;
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            return e;
        }
    });

    public Task<int> PollAsync(string connection) =>
        AdvancingAsync(() => InScopeAsync<ContactPoller>(p => p.PollAsync(connection, null, CancellationToken.None)));

    public async Task<T> QueryAsync<T>(Func<CadenceDbContext, Task<T>> query)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CadenceDbContext>());
    }

    /// <summary>
    /// Runs <paramref name="work"/> while moving the fake clock on in 100 ms steps whenever it is not done, so retry
    /// delays and backoffs on the clock pass without wall-clock waiting.
    /// </summary>
    public async Task<T> AdvancingAsync<T>(Func<Task<T>> work)
    {
        var task = work();
        while (!task.IsCompleted)
        {
            await Task.WhenAny(task, Task.Delay(1));
            if (!task.IsCompleted)
            {
                Clock.Advance(TimeSpan.FromMilliseconds(100));
            }
        }

        return await task;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private async Task<int> InScopeAsync<T>(Func<T, Task<int>> work)
        where T : notnull
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<T>());
    }
}
