using CrmCadenceSync.Mocks.HubSpot;
using CrmCadenceSync.Mocks.Salesforce;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Worker;
using CrmCadenceSync.Worker.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace CrmCadenceSync.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real worker host (HTTP port, Quartz schedule, SQLite file in a temp folder) in this process, with both sandbox
/// CRMs on loopback and one <see cref="FakeTimeProvider"/> shared by all three, starting on a weekday in business hours.
/// </summary>
internal sealed class RunningWorker : IAsyncDisposable
{
    /// <summary>Monday 23 November 2026, 10:00 in New York: business hours in every shipped cadence.</summary>
    public static readonly DateTimeOffset MondayMorning = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(-5));

    /// <summary>A bound on every wait, so a broken worker fails the test instead of hanging it.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TempFolder folder;
    private readonly WebApplication app;
    private readonly IScheduler scheduler;
    private readonly JobWatch watch;

    private RunningWorker(TempFolder folder, FakeTimeProvider time, HubSpotSandbox hubSpot, SalesforceSandbox salesforce, WebApplication app, IScheduler scheduler, JobWatch watch)
    {
        this.folder = folder;
        Time = time;
        HubSpot = hubSpot;
        Salesforce = salesforce;
        this.app = app;
        this.scheduler = scheduler;
        this.watch = watch;
        BaseAddress = new Uri(app.Urls.Single());
    }

    public FakeTimeProvider Time { get; }

    public HubSpotSandbox HubSpot { get; }

    public SalesforceSandbox Salesforce { get; }

    public Uri BaseAddress { get; }

    public string DatabasePath => folder.File("worker.db");

    public static async Task<RunningWorker> StartAsync()
    {
        var folder = new TempFolder();
        var time = new FakeTimeProvider(MondayMorning);
        var hubSpot = HubSpotSandbox.Start(new HubSpotSandboxOptions { Contacts = 0, Time = time });
        var salesforce = SalesforceSandbox.Start(new SalesforceSandboxOptions { Leads = 3, Contacts = 2 }, time);
        string[] args =
        [
            .. SandboxSettings.Args(hubSpot, salesforce),
            $"--Storage:ConnectionString=Data Source={folder.File("worker.db")}",
            "--Urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning",
            // Polls would find every change the tests make; a long interval leaves announcing them to webhooks.
            "--Connections:hubspot:PollInterval=01:00:00",
            "--Connections:salesforce:PollInterval=01:00:00",
        ];
        var app = WorkerHost.BuildService(args, services => services.AddSingleton<TimeProvider>(time));
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var watch = new JobWatch();
        scheduler.ListenerManager.AddJobListener(watch, [Matchers.AllJobs()]);
        await app.StartAsync();
        var worker = new RunningWorker(folder, time, hubSpot, salesforce, app, scheduler, watch);

        // Each poll runs once at start-up on the scheduler's own thread; a test that changes the sandbox before that run
        // would see the change read by the poll instead of announced by its webhook.
        JobKey[] startupPolls = [new("hubspot", PollConnectionJob.Group), new("salesforce", PollConnectionJob.Group)];
        await worker.WaitForAsync(() => Task.FromResult(startupPolls.All(watch.HasFinished)), done => done, "the start-up polls");
        return worker;
    }

    public Uri Webhook(string connection) => new(BaseAddress, $"webhooks/{connection}");

    public Task<HttpResponseMessage> PostHubSpotWebhookAsync(params SandboxWebhookEvent[] events) =>
        HubSpot.Webhooks.SendAsync(Webhook("hubspot"), events, CancellationToken.None);

    public async Task<T> QueryAsync<T>(Func<CadenceDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CadenceDbContext>());
    }

    /// <summary>
    /// Waits until <paramref name="probe"/> returns a value that satisfies <paramref name="done"/>, checking again each
    /// time one of the worker's jobs finishes (the only place its state changes after a webhook was answered).
    /// </summary>
    public async Task<T> WaitForAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            var changed = watch.NextCompletion;
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            try
            {
                await changed.WaitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Gave up after {Patience.TotalSeconds:F0} s waiting for {what}.{Environment.NewLine}{await DescribeAsync()}");
            }
        }
    }

    /// <summary>
    /// Moves the shared clock once no job is running: moved under an HTTP call in flight, the clock would fire that
    /// call's timeout, and its retry would then wait on a clock nobody moves.
    /// </summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        await WaitForAsync(() => Task.FromResult(watch.Running), running => running == 0, "the worker's jobs to finish before the clock moves");
        Time.Advance(by);
    }

    /// <summary>Runs one of the worker's jobs now and returns when that run has finished.</summary>
    public async Task RunJobAsync(JobKey job)
    {
        var (mark, finished) = watch.Mark();
        await scheduler.TriggerJob(job, new JobDataMap { [JobWatch.MarkKey] = mark });
        try
        {
            await finished.WaitAsync(Patience);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Job {job} did not finish within {Patience.TotalSeconds:F0} s.{Environment.NewLine}{await DescribeAsync()}");
        }
    }

    /// <summary>What the scheduled jobs do in one round: inbox, due steps, then each connection's outbox.</summary>
    public async Task RunCycleAsync()
    {
        await RunJobAsync(ProcessInboxJob.Key);
        await RunJobAsync(RunDueStepsJob.Key);
        await RunJobAsync(new JobKey("hubspot", DrainOutboxJob.Group));
        await RunJobAsync(new JobKey("salesforce", DrainOutboxJob.Group));
    }

    /// <summary>The worker's state in a few lines, for a failure message.</summary>
    public async Task<string> DescribeAsync()
    {
        var enrollments = await QueryAsync(db => db.Enrollments.AsNoTracking().Select(e => $"{e.Connection}/{e.ContactCrmId} {e.CadenceId} {e.State} step {e.NextStepIndex} due {e.NextDueAt} hold {e.HoldReason} exit {e.ExitReason}").ToListAsync());
        var outbox = await QueryAsync(db => db.Outbox.AsNoTracking().Select(o => $"{o.Connection} {o.WriteType} {o.IdempotencyKey} {o.State} {o.LastError}").ToListAsync());
        var inbox = await QueryAsync(db => db.InboxEvents.AsNoTracking().Select(i => $"{i.Connection} {i.Kind} {i.ContactCrmId} processed {i.ProcessedAt} {i.LastError}").ToListAsync());
        return string.Join(
            Environment.NewLine,
            ["Job failures:", .. watch.Failures, "Enrollments:", .. enrollments, "Outbox:", .. outbox, "Inbox:", .. inbox]);
    }

    public async ValueTask DisposeAsync()
    {
        await WaitForAsync(() => Task.FromResult(watch.Running), running => running == 0, "the worker's jobs to finish before it stops");
        await app.StopAsync();
        await app.DisposeAsync();
        HubSpot.Dispose();
        Salesforce.Dispose();
        SqliteConnection.ClearAllPools();
        folder.Dispose();
    }
}
