using CrmCadenceSync.Demo.Sandbox;
using CrmCadenceSync.Mocks.HubSpot;
using CrmCadenceSync.Mocks.Smtp;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Worker.Metrics;
using CrmCadenceSync.Worker.Processing;
using CrmCadenceSync.Worker.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CrmCadenceSync.Worker.Tests.Email;

/// <summary>
/// <c>Compliance:Consent</c> on the real worker and sandboxes: automated email needs the consent the setting names; a
/// contact without it gets the step skipped as NoConsent (counted in the metrics), one with it gets the email.
/// </summary>
public sealed class ConsentTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("ccs-consent-").FullName;
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));
    private IHost host = null!;

    public async Task InitializeAsync()
    {
        host = WorkerHost.BuildOnce(
            [
                $"--Storage:ConnectionString=Data Source={Path.Combine(folder, "ccs.db")}",
                "--Sandbox:Contacts=80",
                "--Cadences:2:Steps:1:DelayAfterPrevious=00:00:00",
                "--Connections:salesforce:Enabled=false",
                "--Compliance:Consent:HubSpotProperty=hs_legal_basis",
                "--Compliance:Consent:RequiredByDefault=true",
                "--Logging:LogLevel:Default=Warning",
            ],
            services => services.AddSingleton<TimeProvider>(clock),
            DemoSandboxes.Add);
        await host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Automated_email_goes_only_to_contacts_with_consent_and_the_skips_are_counted()
    {
        var portal = host.Services.GetRequiredKeyedService<HubSpotSandbox>("hubspot").Portal;
        var consenting = portal.Records("contacts").Where((_, i) => i % 2 == 0).Select(r => r.Id).ToHashSet();
        foreach (var id in consenting)
        {
            portal.TouchContact(id, clock.GetUtcNow().AddMinutes(-10), new Dictionary<string, string?> { ["hs_legal_basis"] = "Legitimate interest – prospect/lead" });
        }

        var cycle = host.Services.GetRequiredService<CycleRunner>();
        await cycle.RunAsync(TextWriter.Null, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(5));
        await cycle.RunAsync(TextWriter.Null, CancellationToken.None);

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CadenceDbContext>();
        var skipped = await db.StepRuns.AsNoTracking().Where(r => r.Outcome == "Skipped" && r.Reason == "NoConsent")
            .Join(db.Enrollments, r => r.EnrollmentId, e => e.Id, (r, e) => e.ContactCrmId).ToListAsync();
        var relay = host.Services.GetRequiredService<SandboxSmtpServer>();
        var consentingAddresses = portal.Records("contacts").Where(r => consenting.Contains(r.Id)).Select(r => r["email"]).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.NotEmpty(skipped);
        Assert.DoesNotContain(skipped, id => consenting.Contains(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.NotEmpty(relay.Messages);
        Assert.All(relay.Messages, m => Assert.Contains(m.To.Mailboxes.Single().Address, consentingAddresses));

        var report = await scope.ServiceProvider.GetRequiredService<MetricsQuery>().ComputeAsync(CancellationToken.None);
        Assert.Equal(skipped.Count, report.NoConsentSkips);
    }

    [Fact]
    public void Bad_compliance_settings_stop_start_up_naming_the_key()
    {
        Assert.Contains(
            "Compliance:Consent:SalesforceField must be a property or field API name without spaces; it is 'Email Consent'.",
            Failures(("Countries:DE", "true"), ("SalesforceField", "Email Consent")));
        Assert.Contains(
            "Compliance:Consent requires consent (RequiredByDefault, Countries or Segments) but names no field: set Compliance:Consent:HubSpotProperty and/or Compliance:Consent:SalesforceField.",
            Failures(("Segments:Nurture", "true")));
        Assert.Empty(Failures(("Countries:US", "false")));
        Assert.Equal(
            "Compliance:OutOfOfficePauseDays must be between 1 and 90 days; it is 0.",
            new ReplyHandlingOptionsValidator().Validate(null, new ReplyHandlingOptions { OutOfOfficePauseDays = 0 }).FailureMessage);
    }

    private static IReadOnlyList<string> Failures(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"{ConsentOptions.SectionName}:{s.Key}", s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddOptions<ConsentOptions>().Bind(configuration.GetSection(ConsentOptions.SectionName));
        services.AddSingleton<IValidateOptions<ConsentOptions>, ConsentOptionsValidator>();
        using var provider = services.BuildServiceProvider();
        try
        {
            _ = provider.GetRequiredService<IOptions<ConsentOptions>>().Value;
            return [];
        }
        catch (OptionsValidationException error)
        {
            return [.. error.Failures];
        }
    }
}
