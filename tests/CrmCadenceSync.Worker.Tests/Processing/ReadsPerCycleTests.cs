using Xunit.Abstractions;
using System.Text.RegularExpressions;
using System.Web;
using WireMock.Logging;

namespace CrmCadenceSync.Worker.Tests.Processing;

/// <summary>
/// Reads per cycle after a write-heavy cycle, on each sandbox: the first cycle enrolls every contact (a task, a note and
/// a status write each); the CRM then announces our status writes back (HubSpot: a propertyChange webhook per
/// <c>ccs_</c> property written; Salesforce: an Outbound Message per save), and the next cycle's read requests are
/// counted in the sandbox's request log and printed by kind. What is asserted is behaviour: no contact is read by id
/// for an announcement of our own writes.
/// </summary>
public sealed partial class ReadsPerCycleTests(ITestOutputHelper output)
{
    private const int Contacts = 200;

    [Fact]
    public async Task HubSpot_the_cycle_after_a_write_heavy_cycle_reads_no_contact_for_our_own_writes()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:salesforce:Enabled=false");
        var ids = Enumerable.Range(0, Contacts).Select(i => world.AddHubSpotContact(85, $"Heavy{i}")).ToList();
        world.Time.Advance(TimeSpan.FromMinutes(1));
        world.HubSpot.Server.ResetLogEntries();
        await world.RunCycleAsync();
        var writeCycle = Reads(world.HubSpot.Server.LogEntries, HubSpotKind);

        world.Time.Advance(TimeSpan.FromSeconds(30));
        var echoes = WebhookEchoTests.OwnPropertyChanges(world, ids);
        foreach (var chunk in echoes.Chunk(100))
        {
            await world.DeliverHubSpotWebhookAsync(chunk);
        }

        world.Time.Advance(TimeSpan.FromMinutes(5));
        world.HubSpot.Server.ResetLogEntries();
        await world.RunCycleAsync();
        var next = Reads(world.HubSpot.Server.LogEntries, HubSpotKind);
        Print("hubspot", Contacts, echoes.Count, writeCycle, next);

        Assert.False(next.ContainsKey("POST contacts/batch/read"), "a contact was read by id after its own-write webhooks");
    }

    [Fact]
    public async Task Salesforce_the_cycle_after_a_write_heavy_cycle_reads_no_contact_for_our_own_writes()
    {
        await using var world = await SandboxWorld.StartAsync("--Connections:hubspot:Enabled=false");
        var leads = Enumerable.Range(0, Contacts).Select(i => world.AddSalesforceLead($"Heavy{i}").Id).ToList();
        world.Time.Advance(TimeSpan.FromMinutes(1));
        world.Salesforce.Server.ResetLogEntries();
        await world.RunCycleAsync();
        var writeCycle = Reads(world.Salesforce.Server.LogEntries, SalesforceKind);

        // Salesforce sends at most 100 notifications per message.
        world.Time.Advance(TimeSpan.FromSeconds(30));
        foreach (var chunk in leads.Chunk(100))
        {
            await world.DeliverOutboundMessageAsync(world.Salesforce.CreateOutboundMessage(chunk));
        }

        world.Time.Advance(TimeSpan.FromMinutes(5));
        world.Salesforce.Server.ResetLogEntries();
        await world.RunCycleAsync();
        var next = Reads(world.Salesforce.Server.LogEntries, SalesforceKind);
        Print("salesforce", Contacts, leads.Count, writeCycle, next);

        Assert.False(next.ContainsKey("query Lead by id"), "a lead was read by id after its own-write Outbound Messages");
    }

    private void Print(string connection, int contacts, int announcements, Dictionary<string, int> writeCycle, Dictionary<string, int> next)
    {
        output.WriteLine($"{connection}: {contacts} contacts enrolled in the write-heavy cycle; {announcements} own-write announcements delivered before the next");
        output.WriteLine($"  write-heavy cycle: {writeCycle.Values.Sum()} read requests");
        output.WriteLine($"  next cycle:        {next.Values.Sum()} read requests");
        foreach (var (kind, count) in next.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"    {count,5}  {kind}");
        }
    }

    private static Dictionary<string, int> Reads(IEnumerable<ILogEntry> entries, Func<ILogEntry, string?> kind) =>
        entries.Select(kind).OfType<string>().GroupBy(k => k, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>HubSpot reads: GETs, searches and batch reads (writes and OAuth left out).</summary>
    private static string? HubSpotKind(ILogEntry entry)
    {
        if (entry.RequestMessage is not { Path: { } path, Method: { } method })
        {
            return null;
        }

        var read = method == "GET" || path.EndsWith("/search", StringComparison.Ordinal) || path.EndsWith("/batch/read", StringComparison.Ordinal);
        return read && !path.StartsWith("/oauth", StringComparison.Ordinal)
            ? $"{method} {VersionSegment().Replace(path.Replace("/crm/objects/", "", StringComparison.Ordinal), "")}"
            : null;
    }

    /// <summary>Salesforce reads: SOQL queries (by object, by id or by change), next pages, getDeleted, describe, limits.</summary>
    private static string? SalesforceKind(ILogEntry entry)
    {
        if (entry.RequestMessage is not { Method: "GET", Path: { } path } request || !path.StartsWith("/services/data/", StringComparison.Ordinal))
        {
            return null;
        }

        if (!path.EndsWith("/query", StringComparison.Ordinal))
        {
            return path.Contains("/query/", StringComparison.Ordinal) ? "query next page" : $"GET {path[(path.IndexOf('/', 15) + 1)..]}";
        }

        var soql = HttpUtility.ParseQueryString(new Uri(request.AbsoluteUrl).Query)["q"] ?? "";
        var from = FromObject().Match(soql).Groups[1].Value;
        return $"query {from} {(soql.Contains("WHERE Id IN", StringComparison.Ordinal) ? "by id" : "other")}";
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}/|/[0-9]{4}-[0-9]{2}|^v[0-9]+/|/v[0-9]+")]
    private static partial Regex VersionSegment();

    [GeneratedRegex(@"FROM (\w+)")]
    private static partial Regex FromObject();
}
