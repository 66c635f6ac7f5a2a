namespace CrmCadenceSync.Worker.ChangeFeed;

/// <summary>Keeps the change event streams running for the life of the service (not in <c>--once</c> runs).</summary>
public sealed class ChangeFeedService(ChangeFeedRunner runner) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => runner.RunAllAsync(stoppingToken);
}
