using CrmCadenceSync.Core.Rules.Versions;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Rules;

/// <summary>
/// Stores a rule set as the next version and makes it the one the running worker uses, without a restart. Every
/// version stays in the history; exactly one is active.
/// </summary>
internal sealed partial class RuleSetStore(
    CadenceDbContext db, RuleSetProvider provider, OpenEnrollmentMover mover, TimeProvider time, ILogger<RuleSetStore> logger)
{
    /// <summary>One activation at a time, so the version numbers and the provider's rule set move together.</summary>
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <param name="candidate">A valid candidate (<see cref="CandidateRuleSet.IsValid"/>).</param>
    /// <param name="author">Who activated it: an API key's name, "loopback", or the configuration.</param>
    /// <param name="reason">Prefixed to the change summary, e.g. "Rolled back to version 2".</param>
    /// <param name="openEnrollments">Whether running enrollments move to the new version (by step id) or finish on theirs.</param>
    public async Task<RuleSetVersionEntity> ActivateAsync(
        CandidateRuleSet candidate, string author, string? reason, OpenEnrollmentChoice openEnrollments, CancellationToken cancellationToken)
    {
        if (candidate is not { Definition: { } definition, Rules: { } rules })
        {
            throw new ArgumentException("Only a valid rule set can be activated.", nameof(candidate));
        }

        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (openEnrollments == OpenEnrollmentChoice.Move)
            {
                await mover.PrepareAsync(cancellationToken);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var active = await db.RuleSetVersions.SingleOrDefaultAsync(v => v.IsActive, cancellationToken);
            var version = (await db.RuleSetVersions.MaxAsync(v => (int?)v.Version, cancellationToken) ?? 0) + 1;
            var changes = active is null ? "First version" : RuleSetDiff.Describe(RuleSetJson.Parse(active.DefinitionJson), definition);
            changes += openEnrollments == OpenEnrollmentChoice.Stay ? "; open enrollments stay on their version" : "; open enrollments move by step id";
            if (active is not null)
            {
                active.IsActive = false;
            }

            var row = new RuleSetVersionEntity
            {
                Version = version,
                DefinitionJson = RuleSetJson.Serialize(definition),
                Author = author,
                ChangeSummary = reason is null ? changes : $"{reason}: {changes}",
                CreatedAt = time.GetUtcNow(),
                IsActive = true,
            };
            db.RuleSetVersions.Add(row);
            if (openEnrollments == OpenEnrollmentChoice.Move)
            {
                await mover.MoveAsync(rules, version, row.CreatedAt, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            provider.Activate(new ActiveRuleSet(rules, version));
            LogActivated(version, author, row.ChangeSummary);
            return row;
        }
        finally
        {
            Gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule set version {Version} activated by {Author}: {Changes}")]
    private partial void LogActivated(int version, string author, string changes);
}
