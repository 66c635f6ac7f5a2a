using CrmCadenceSync.Storage.Options;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Retention;
using CrmCadenceSync.Worker.Rules;
using CrmCadenceSync.Worker.Scheduling;
using CrmCadenceSync.Worker.Webhooks;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace CrmCadenceSync.Worker.Extensions;

public static class ScheduleExtensions
{
    /// <summary>
    /// The Quartz schedule: per connection a poll job and an outbox drain, plus inbox processing, due steps and retention.
    /// Every job refuses to overlap itself; shutdown waits for running jobs, and work they leave resumes next start.
    /// On PostgreSQL (several instances) the schedule is split: polling and retention, which must run once for all
    /// instances, live in a clustered scheduler on the shared database (one instance at a time, a dead instance's
    /// triggers recovered by the others); inbox processing, due steps and outbox drains run on every instance, which
    /// share that work by claiming rows, and each follows the rule set activated through any of them.
    /// </summary>
    public static IHostApplicationBuilder AddCadenceSchedule(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ScheduleOptions>().BindConfiguration(ScheduleOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ScheduleOptions>, ScheduleOptionsValidator>();
        var schedule = builder.Configuration.GetSection(ScheduleOptions.SectionName).Get<ScheduleOptions>() ?? new ScheduleOptions();
        var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var cluster = builder.Configuration.GetSection(ClusterOptions.SectionName).Get<ClusterOptions>() ?? new ClusterOptions();
        var connections = ConfiguredConnection.Enabled(builder.Configuration);
        var retention = builder.Configuration.GetSection(RetentionOptions.SectionName).Get<RetentionOptions>() ?? new RetentionOptions();
        var clustered = storage.Provider == StorageProvider.Postgres;

        builder.AddQuartz(q =>
        {
            Every<ProcessInboxJob>(q, ProcessInboxJob.Key, schedule.InboxInterval, jobData: null);
            Every<RunDueStepsJob>(q, RunDueStepsJob.Key, schedule.DueStepInterval, jobData: null);
            Every<FollowActiveRuleSetJob>(q, FollowActiveRuleSetJob.Key, schedule.RuleSetCheckInterval, jobData: null);
            foreach (var connection in connections)
            {
                Every<DrainOutboxJob>(q, new JobKey(connection.Name, DrainOutboxJob.Group), schedule.OutboxInterval, (DrainOutboxJob.ConnectionKey, connection.Name));
            }

            if (!clustered)
            {
                AddOncePerDeployment(q, connections, retention);
            }
        });
        if (clustered)
        {
            builder.AddQuartz(ClusterSchedule.SchedulerName, q =>
            {
                q.ConfigureScheduler(s => s.InstanceId = cluster.InstanceId);
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(NpgsqlFactory.Instance, storage.ConnectionString);
                    store.UseSystemTextJsonSerializer();
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = cluster.CheckinInterval;
                        c.CheckinMisfireThreshold = cluster.CheckinInterval;
                    });

                    // Quartz's own tables_postgres.sql: created when missing, validated when present; safe when several
                    // instances start at once (the losers of the race find the winner's tables).
                    store.ProvisionSchema();
                });
                AddOncePerDeployment(q, connections, retention);
            });
        }

        builder.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        builder.Services.AddSingleton<WorkSignal>();
        return builder;
    }

    /// <summary>Jobs whose work is not claimable row by row: the poll cursor and the retention sweep.</summary>
    private static void AddOncePerDeployment(IQuartzBuilder q, IReadOnlyList<ConfiguredConnection> connections, RetentionOptions retention)
    {
        Every<RetentionJob>(q, RetentionJob.Key, retention.Interval, jobData: null);
        foreach (var connection in connections)
        {
            Every<PollConnectionJob>(q, new JobKey(connection.Name, PollConnectionJob.Group), connection.PollInterval, (PollConnectionJob.ConnectionKey, connection.Name));
        }
    }

    private static void Every<TJob>(IQuartzBuilder q, JobKey key, TimeSpan interval, (string Key, string Value)? jobData)
        where TJob : IJob
    {
        q.AddJob<TJob>(j =>
        {
            // In the clustered scheduler a run cut short by a dead instance is run again by another one (polling and
            // retention are safe to repeat); the in-memory scheduler has nothing to recover.
            j.WithIdentity(key).StoreDurably().RequestRecovery();
            if (jobData is { } data)
            {
                j.UsingJobData(data.Key, data.Value);
            }
        });
        q.AddTrigger(t => t.ForJob(key).WithIdentity($"{key.Group}.{key.Name}.timer").StartNow()
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()));
    }
}
