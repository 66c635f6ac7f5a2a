using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Worker.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Tests.Rules;

public sealed class StartupValidationTests
{
    private static IHost BuildHost(params (string Key, string Value)[] overrides)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddJsonFile(RepositoryFiles.Path("appsettings.json"));
        builder.Configuration.AddInMemoryCollection(overrides.Select(o => new KeyValuePair<string, string?>(o.Key, o.Value)));
        builder.Logging.ClearProviders();
        builder.AddCadenceRules();
        return builder.Build();
    }

    [Fact]
    public async Task The_shipped_rule_set_starts_and_is_available_compiled()
    {
        using var host = BuildHost();

        await host.StartAsync(TestContext.None);
        var rules = host.Services.GetRequiredService<RuleSet>();
        await host.StopAsync(TestContext.None);

        Assert.Equal(["Hot", "Warm", "Nurture"], rules.Segments.Select(s => s.Name));
    }

    [Fact]
    public async Task An_invalid_rule_set_stops_start_up_with_every_error_named()
    {
        using var host = BuildHost(("Segments:1:MaxScore", "80"), ("Cadences:0:TimeZone", "Mars/Olympus_Mons"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.None));

        Assert.Equal(
            [
                "Rule set (Segments, Cadences, Policies): Cadence 'hot-9-touch-14-day' time zone 'Mars/Olympus_Mons' is not a known IANA time zone (for example America/New_York).",
                "Rule set (Segments, Cadences, Policies): Segments 'Hot' and 'Warm' overlap on scores [70, 80) under the same filters; a contact there would only ever reach 'Hot'.",
            ],
            error.Failures);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_the_key()
    {
        using var host = BuildHost(("Cadences:0:BusinessHours:Start", "nine o'clock"));

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<RuleSet>());

        Assert.Contains("Cadences:0:BusinessHours:Start", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shipped_reenroll_policy_bars_answers_and_a_bad_value_stops_start_up_naming_its_key()
    {
        using (var shipped = BuildHost())
        {
            await shipped.StartAsync(TestContext.None);
            var policies = shipped.Services.GetRequiredService<RuleSet>().Policies;
            await shipped.StopAsync(TestContext.None);

            Assert.Equal(
                [(ExitReason.Replied, null), (ExitReason.MeetingBooked, null), (ExitReason.Bounced, null), (ExitReason.OptedOut, null), (ExitReason.CallOutcome, null), (ExitReason.NoResponse, TimeSpan.FromDays(90))],
                policies.Reenroll.OrderBy(r => r.Key).Select(r => (r.Key, r.Value)));
            Assert.Equal(TimeSpan.FromDays(7), policies.MaxHeld);
        }

        using var host = BuildHost(("Policies:Reenroll:NoResponse", "soon"), ("Policies:MaxHeldDays", "0"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.None));

        Assert.Equal(
            [
                "Rule set (Segments, Cadences, Policies): Policies: MaxHeldDays must be at least 1 (it is 0).",
                "Rule set (Segments, Cadences, Policies): Policies: Reenroll:NoResponse must be Never or a whole number of days (it is 'soon').",
            ],
            error.Failures.Order(StringComparer.Ordinal));
    }
}
