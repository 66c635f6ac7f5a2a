using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Retention;
using CrmCadenceSync.Worker.Scheduling;
using CrmCadenceSync.Worker.Webhooks;
using Microsoft.Extensions.Options;
using Quartz;

namespace CrmCadenceSync.Worker.Extensions;

public static class ScheduleExtensions
{
    /// <summary>
    /// The Quartz schedule: per connection a poll job and an outbox drain, plus inbox processing and due steps.
    /// Every job refuses to overlap itself; shutdown waits for running jobs, and work they leave resumes next start.
    /// </summary>
    public static IHostApplicationBuilder AddCadenceSchedule(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ScheduleOptions>().BindConfiguration(ScheduleOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ScheduleOptions>, ScheduleOptionsValidator>();
        var schedule = builder.Configuration.GetSection(ScheduleOptions.SectionName).Get<ScheduleOptions>() ?? new ScheduleOptions();
        var connections = ConfiguredConnection.Enabled(builder.Configuration);
        var retention = builder.Configuration.GetSection(RetentionOptions.SectionName).Get<RetentionOptions>() ?? new RetentionOptions();

        builder.AddQuartz(q =>
        {
            Every<ProcessInboxJob>(q, ProcessInboxJob.Key, schedule.InboxInterval, jobData: null);
            Every<RunDueStepsJob>(q, RunDueStepsJob.Key, schedule.DueStepInterval, jobData: null);
            Every<RetentionJob>(q, RetentionJob.Key, retention.Interval, jobData: null);
            foreach (var connection in connections)
            {
                Every<PollConnectionJob>(q, new JobKey(connection.Name, PollConnectionJob.Group), connection.PollInterval, (PollConnectionJob.ConnectionKey, connection.Name));
                Every<DrainOutboxJob>(q, new JobKey(connection.Name, DrainOutboxJob.Group), schedule.OutboxInterval, (DrainOutboxJob.ConnectionKey, connection.Name));
            }
        });
        builder.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        builder.Services.AddSingleton<WorkSignal>();
        return builder;
    }

    private static void Every<TJob>(IQuartzBuilder q, JobKey key, TimeSpan interval, (string Key, string Value)? jobData)
        where TJob : IJob
    {
        q.AddJob<TJob>(j =>
        {
            j.WithIdentity(key).StoreDurably();
            if (jobData is { } data)
            {
                j.UsingJobData(data.Key, data.Value);
            }
        });
        q.AddTrigger(t => t.ForJob(key).WithIdentity($"{key.Group}.{key.Name}.timer").StartNow()
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()));
    }
}
