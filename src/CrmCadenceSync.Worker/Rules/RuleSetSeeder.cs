using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Rules.Definitions;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Rules;

/// <summary>
/// Stores the configured rule set as a version (the first run seeds version 1; a changed appsettings.json
/// becomes the next version) and activates it, so every enrollment records the rules it was made under.
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
        var json = RuleSetJson.Serialize(configured.Value);
        var active = await db.RuleSetVersions.SingleOrDefaultAsync(v => v.IsActive, cancellationToken);
        if (active?.DefinitionJson == json)
        {
            provider.Activate(new ActiveRuleSet(compiled, active.Version));
            return;
        }

        var version = (await db.RuleSetVersions.MaxAsync(v => (int?)v.Version, cancellationToken) ?? 0) + 1;
        if (active is not null)
        {
            active.IsActive = false;
        }

        db.RuleSetVersions.Add(new RuleSetVersionEntity
        {
            Version = version,
            DefinitionJson = json,
            Author = ConfigurationAuthor,
            ChangeSummary = active is null ? "Seeded from configuration" : "Changed in configuration",
            CreatedAt = time.GetUtcNow(),
            IsActive = true,
        });
        await db.SaveChangesAsync(cancellationToken);
        provider.Activate(new ActiveRuleSet(compiled, version));
        LogActivated(version);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule set version {Version} stored from configuration and activated")]
    private partial void LogActivated(int version);
}
