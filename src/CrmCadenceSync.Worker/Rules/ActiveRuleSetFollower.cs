using CrmCadenceSync.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Rules;

/// <summary>Makes this instance run the stored active rule-set version when another instance activated a different one.</summary>
public sealed partial class ActiveRuleSetFollower(CadenceDbContext db, RuleSetProvider provider, ILogger<ActiveRuleSetFollower> logger)
{
    /// <returns>The version now in force here.</returns>
    public async Task<int> FollowAsync(CancellationToken cancellationToken)
    {
        var running = provider.Current.Version;
        var stored = await db.RuleSetVersions.AsNoTracking()
            .Where(v => v.IsActive)
            .Select(v => new { v.Version, v.DefinitionJson })
            .SingleOrDefaultAsync(cancellationToken);
        if (stored is null || stored.Version == running)
        {
            return running;
        }

        // Stored versions were validated when activated; one that no longer compiles (a key renamed since) is not run.
        var candidate = CandidateRuleSet.From(stored.DefinitionJson);
        if (candidate.Rules is not { } rules)
        {
            LogStoredInvalid(stored.Version, running, string.Join(" ", candidate.Errors));
            return running;
        }

        provider.Activate(new ActiveRuleSet(rules, stored.Version));
        LogFollowed(stored.Version, running);
        return stored.Version;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule set version {Version} was activated by another instance; it replaces version {Previous} here")]
    private partial void LogFollowed(int version, int previous);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored active rule set version {Version} does not compile ({Errors}); version {Running} keeps running here")]
    private partial void LogStoredInvalid(int version, int running, string errors);
}
