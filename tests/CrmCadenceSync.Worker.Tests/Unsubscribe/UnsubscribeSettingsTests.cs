using CrmCadenceSync.Worker.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Tests.Unsubscribe;

/// <summary>Once automated email is on, start-up refuses unsubscribe links it could not sign or that would not reach the worker.</summary>
public sealed class UnsubscribeSettingsTests
{
    private static IHost BuildHost(params (string Key, string Value)[] overrides)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddJsonFile(RepositoryFiles.Path("appsettings.json"));
        builder.Configuration.AddInMemoryCollection(overrides.Select(o => new KeyValuePair<string, string?>(o.Key, o.Value)));
        builder.Logging.ClearProviders();
        builder.AddEmail();
        return builder.Build();
    }

    [Fact]
    public async Task Without_a_relay_the_shipped_file_starts()
    {
        using var host = BuildHost();
        await host.StartAsync(TestContext.None);
        await host.StopAsync(TestContext.None);
    }

    [Fact]
    public async Task With_a_relay_but_no_key_or_public_address_start_up_stops_naming_each_key()
    {
        using var host = BuildHost(("Smtp:Host", "smtp.example.com"), ("Unsubscribe:BaseUrl", "http://cadences.example.com"), ("Unsubscribe:MailtoAddress", "not an address"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.None));

        Assert.Collection(
            error.Failures,
            f => Assert.StartsWith("Unsubscribe:BaseUrl 'http://cadences.example.com' must be this worker's public HTTPS address", f, StringComparison.Ordinal),
            f => Assert.StartsWith("Unsubscribe:SigningKey must be a secret of at least 32 characters", f, StringComparison.Ordinal),
            f => Assert.StartsWith("Unsubscribe:MailtoAddress 'not an address' is not an email address", f, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pace_out_of_range_stops_start_up_naming_the_key()
    {
        using var host = BuildHost(("Smtp:MinSpacingPerMailbox", "02:00:00"), ("Smtp:HourlySendLimitPerMailbox", "0"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.None));

        Assert.Contains(error.Failures, f => f.Contains("MinSpacingPerMailbox", StringComparison.Ordinal) && f.Contains("between 00:00:00 and 01:00:00", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("HourlySendLimitPerMailbox", StringComparison.Ordinal) && f.Contains("between 1 and 10000", StringComparison.Ordinal));
    }
}
