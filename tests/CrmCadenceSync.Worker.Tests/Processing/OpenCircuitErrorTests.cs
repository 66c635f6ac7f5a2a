using CrmCadenceSync.Worker.Connections;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;

namespace CrmCadenceSync.Worker.Tests.Processing;

/// <summary>
/// The connection's last error during an outage names what the CRM answered, not the open circuit that later refused
/// calls without making them (CrmOutageTests saw "BrokenCircuitException" instead of the 503 in some runs).
/// </summary>
public sealed class OpenCircuitErrorTests
{
    private const string ServiceUnavailable = "Response status code does not indicate success: 503 (Service Unavailable).";

    [Fact]
    public async Task A_call_refused_by_the_open_circuit_keeps_the_error_that_opened_it_as_the_last_error()
    {
        await using var world = await SandboxWorld.StartAsync();
        await using var scope = world.Services.CreateAsyncScope();
        var health = scope.ServiceProvider.GetRequiredService<ConnectionHealth>();

        await health.RecordAsync("hubspot", new HttpRequestException(ServiceUnavailable), TestContext.None);
        var failedAt = world.Time.GetUtcNow();
        world.Time.Advance(TimeSpan.FromSeconds(30));
        await health.RecordAsync("hubspot", new BrokenCircuitException(), TestContext.None);
        var row = await health.GetAsync("hubspot", TestContext.None);

        Assert.Equal("Unavailable", row.State);
        Assert.Equal(($"HttpRequestException: {ServiceUnavailable}", failedAt), (row.LastError, row.LastErrorAt));
    }

    [Fact]
    public async Task A_refusal_with_no_failure_recorded_in_this_outage_is_the_last_error()
    {
        await using var world = await SandboxWorld.StartAsync();
        await using var scope = world.Services.CreateAsyncScope();
        var health = scope.ServiceProvider.GetRequiredService<ConnectionHealth>();

        await health.RecordAsync("hubspot", new BrokenCircuitException(), TestContext.None);

        Assert.StartsWith("BrokenCircuitException:", (await health.GetAsync("hubspot", TestContext.None)).LastError, StringComparison.Ordinal);
    }
}
