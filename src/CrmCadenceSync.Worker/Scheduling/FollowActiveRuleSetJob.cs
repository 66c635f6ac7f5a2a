using CrmCadenceSync.Worker.Rules;
using Quartz;

namespace CrmCadenceSync.Worker.Scheduling;

/// <summary>
/// Picks up a rule set activated (or rolled back) through another instance's admin API: every instance sharing the
/// store runs the stored active version within one check interval, not only the instance that took the request.
/// </summary>
[DisallowConcurrentExecution]
public sealed class FollowActiveRuleSetJob(ActiveRuleSetFollower follower) : IJob
{
    public static readonly JobKey Key = new("follow-active-rule-set");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await follower.FollowAsync(cancellationToken);
}
