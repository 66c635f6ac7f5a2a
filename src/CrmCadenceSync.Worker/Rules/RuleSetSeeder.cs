using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Rules.Definitions;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Rules;

/// <summary>
/// Activates the stored rule set at start. The configuration seeds version 1; after that it becomes a new version only
/// when appsettings.json itself changed since it was last seeded. A version activated through the admin API therefore
/// survives restarts, and an edited appsettings.json still wins (as the newest change).
/// </summary>
internal sealed partial class RuleSetSeeder(
    IServiceScopeFactory scopes,
    IOptions<RuleSetDefinition> configured,
    RuleSet compiled,
    RuleSetProvider provider,
    TimeProvider time,
    ILogger<RuleSetSeeder> logger) : IHostedService
{
    public const string ConfigurationAuthor = "appsettings.json";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CadenceDbContext>();
        await ActivateAsync(db, scope.ServiceProvider.GetRequiredService<OpenEnrollmentMover>(), cancellationToken);
        await RememberOpenVersionsAsync(db, cancellationToken);
    }

    /// <summary>Compiles the earlier versions that open enrollments stayed on, so they go on running them after a restart.</summary>
    private async Task RememberOpenVersionsAsync(CadenceDbContext db, CancellationToken cancellationToken)
    {
        var running = provider.Current.Version;
        var open = await db.Enrollments.Where(e => e.IsOpen && e.RuleSetVersion != running).Select(e => e.RuleSetVersion).Distinct().ToListAsync(cancellationToken);
        var stored = await db.RuleSetVersions.AsNoTracking().Where(v => open.Contains(v.Version)).ToListAsync(cancellationToken);
        foreach (var version in stored)
        {
            if (CandidateRuleSet.From(version.DefinitionJson).Rules is { } rules)
            {
                provider.Remember(version.Version, rules);
            }
        }
    }

    private async Task ActivateAsync(CadenceDbContext db, OpenEnrollmentMover mover, CancellationToken cancellationToken)
    {
        var json = RuleSetJson.Serialize(configured.Value);
        var active = await db.RuleSetVersions.SingleOrDefaultAsync(v => v.IsActive, cancellationToken);
        var lastSeeded = await db.RuleSetVersions
            .Where(v => v.Author == ConfigurationAuthor)
            .OrderByDescending(v => v.Version)
            .FirstOrDefaultAsync(cancellationToken);
        if (active is not null && Normalized(active) == json)
        {
            provider.Activate(new ActiveRuleSet(compiled, active.Version));
            return;
        }

        if (active is not null && lastSeeded is not null && Normalized(lastSeeded) == json)
        {
            // The configuration is as last seeded: the version activated since (through the admin API) stays.
            var stored = CandidateRuleSet.From(active.DefinitionJson);
            if (stored.Rules is { } rules)
            {
                provider.Activate(new ActiveRuleSet(rules, active.Version));
                return;
            }

            LogStoredInvalid(active.Version, string.Join(" ", stored.Errors));
        }

        var version = (await db.RuleSetVersions.MaxAsync(v => (int?)v.Version, cancellationToken) ?? 0) + 1;
        var summary = "Seeded from configuration";
        if (active is not null)
        {
            // An edited appsettings.json moves open enrollments by step id, as an activation through the admin API does.
            if (CandidateRuleSet.From(active.DefinitionJson).Rules is { } previousRules)
            {
                provider.Remember(active.Version, previousRules);
            }

            await mover.PrepareAsync(cancellationToken);
            await mover.MoveAsync(compiled, version, time.GetUtcNow(), cancellationToken);
            active.IsActive = false;
            summary = CandidateRuleSet.From(active.DefinitionJson).Definition is { } before
                ? $"Changed in configuration: {RuleSetDiff.Describe(before, configured.Value)}"
                : "Changed in configuration";
        }

        db.RuleSetVersions.Add(new RuleSetVersionEntity
        {
            Version = version,
            DefinitionJson = json,
            Author = ConfigurationAuthor,
            ChangeSummary = summary,
            CreatedAt = time.GetUtcNow(),
            IsActive = true,
        });
        await db.SaveChangesAsync(cancellationToken);
        provider.Activate(new ActiveRuleSet(compiled, version));
        LogActivated(version);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A stored definition in today's serialized form, so a version stored before a key was added still compares equal.</summary>
    private static string Normalized(RuleSetVersionEntity row)
    {
        try
        {
            return RuleSetJson.Serialize(RuleSetJson.Parse(row.DefinitionJson));
        }
        catch (FormatException)
        {
            return row.DefinitionJson;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule set version {Version} stored from configuration and activated")]
    private partial void LogActivated(int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The active rule set version {Version} no longer compiles ({Errors}); the configuration's rule set takes over")]
    private partial void LogStoredInvalid(int version, string errors);
}
