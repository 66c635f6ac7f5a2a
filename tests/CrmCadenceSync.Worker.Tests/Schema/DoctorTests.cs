using CrmCadenceSync.Mocks.Salesforce;
using CrmCadenceSync.Mocks.Smtp;

namespace CrmCadenceSync.Worker.Tests.Schema;

/// <summary><c>doctor</c>: a checklist per connection and the relay; exit 0 only when all pass (issue 15, item 5).</summary>
public sealed class DoctorTests : IDisposable
{
    private readonly string mail = Directory.CreateTempSubdirectory("ccs-doctor-mail-").FullName;

    public void Dispose() => Directory.Delete(mail, recursive: true);

    [Fact]
    public async Task Doctor_on_the_sandboxes_passes_every_check_and_exits_0()
    {
        using var world = new SchemaWorld();
        using var relay = SandboxSmtpServer.Start(mail);

        var (exitCode, lines) = await world.RunAsync(["doctor"], "--Smtp:Host=127.0.0.1", $"--Smtp:Port={relay.Port}", "--Smtp:Security=None");

        Assert.True(exitCode == 0, string.Join(Environment.NewLine, lines));
        Assert.Equal("Connection hubspot (HubSpot):", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("  [ok]   scopes: 8 granted", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  [ok]   fields: ", StringComparison.Ordinal) && l.Contains("all there", StringComparison.Ordinal));
        Assert.Contains("Connection salesforce (Salesforce):", lines);
        Assert.Contains(lines, l => l.StartsWith("  [ok]   authenticated: signed in; 4 reps read", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  [ok]   time zones: 4 of 4 reps", StringComparison.Ordinal));
        Assert.Contains($"  [ok]   relay: 127.0.0.1:{relay.Port} connected, EHLO answered (None)", lines);
        Assert.DoesNotContain(lines, l => l.Contains("[FAIL]", StringComparison.Ordinal) || l.Contains("[warn]", StringComparison.Ordinal));
        Assert.Equal("All checks passed.", lines[^2]);
        Assert.DoesNotContain(world.HubSpot.Server.LogEntries, e => e.RequestMessage!.Path.Contains("/batch/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Doctor_with_a_missing_field_and_a_missing_scope_exits_1_naming_both()
    {
        using var world = new SchemaWorld(
            new SalesforceSandboxOptions { Leads = 2, Contacts = 2, MissingFields = ["CCS_Next_Touch__c"] },
            hubSpot: o => o.Scopes.Remove("crm.objects.owners.read"));

        var (exitCode, lines) = await world.RunAsync(["doctor"]);

        Assert.Equal(1, exitCode);
        Assert.Contains(lines, l => l.Contains("[FAIL] scopes: 1 missing", StringComparison.Ordinal));
        Assert.Contains("         - Connection hubspot: token lacks the scope crm.objects.owners.read (asked for by Connections:hubspot:AccessToken); fix: add crm.objects.owners.read to the private app's scopes (Settings, Integrations, Private apps)", lines);
        Assert.Contains(lines, l => l.StartsWith("  [FAIL] fields: ", StringComparison.Ordinal) && l.Contains("2 a cadence needs missing", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("         - Connection salesforce: Lead has no field CCS_Next_Touch__c (asked for by Connections:salesforce:FieldMapping:NextTouchField)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("         - Connection salesforce: Contact has no field CCS_Next_Touch__c", StringComparison.Ordinal));
        Assert.Equal("2 checks failed.", lines[^2]);
    }
}
