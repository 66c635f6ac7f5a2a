using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmCadenceSync.Mocks.Salesforce;
using CrmCadenceSync.Worker.ManualEnrollment;
using CrmCadenceSync.Worker.Tests.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCadenceSync.Worker.Tests.ManualEnrollment;

/// <summary><c>POST /api/enrollments</c> on the real worker host, its SQLite file and the sandbox CRMs over loopback.</summary>
public sealed class ManualEnrollmentTests : IAsyncLifetime
{
    private const string Key = "k-manual-0123456789abcdef";
    private static readonly string[] UnknownContact = ["x"];
    private AdminHost host = null!;

    public async Task InitializeAsync() => host = await AdminHost.StartAsync(80, $"--Admin:ApiKeys:ops-desk={Key}");

    public async Task DisposeAsync() => await host.DisposeAsync();

    private SalesforceSandbox Salesforce => host.App.Services.GetRequiredKeyedService<SalesforceSandbox>("salesforce");

    private static async Task<JsonObject> PostAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/enrollments", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static JsonObject Single(JsonObject result) => Assert.Single(result["results"]!.AsArray())!.AsObject();

    [Fact]
    public async Task An_enrolled_contact_gets_its_first_touch_written_to_the_CRM_and_a_repeat_enrolls_nobody_twice()
    {
        using var client = host.Client(Key);
        var contact = (await FreeContacts.FreeAsync(host, "salesforce")).First();
        var body = new { cadence = "warm-6-touch", contacts = new[] { contact.Email!.ToUpperInvariant() }, startStep = "linkedin-connect" };

        var first = await PostAsync(client, body);
        var enrolled = Single(first);
        var id = enrolled["enrollmentId"]!.GetValue<Guid>();
        var row = await host.QueryAsync(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.Id == id));
        var syncKey = $"{id:N}:linkedin-connect:0";
        Salesforce.Server.ResetLogEntries();
        host.Clock.SetUtcNow(row.NextDueAt!.Value.AddMinutes(1));
        await host.RunCycleAsync();
        var written = Salesforce.Org.Tasks.Where(t => (string?)t[Salesforce.Org.Options.SyncKeyField] == syncKey).ToList();
        var requestsCarryingKey = Salesforce.Server.LogEntries.Count(e => e.RequestMessage?.Body?.Contains(syncKey, StringComparison.Ordinal) == true);

        var again = await PostAsync(client, body);
        await host.RunCycleAsync();
        var open = await host.QueryAsync(db => db.Enrollments.AsNoTracking().CountAsync(e => e.ContactCrmId == contact.CrmId && e.IsOpen));
        var audit = await host.QueryAsync(db => db.AdminAudit.AsNoTracking().OrderBy(a => a.Id).ToListAsync());

        Assert.Equal(("enrolled", "salesforce", contact.CrmId, "Active"), (enrolled["outcome"]!.GetValue<string>(), enrolled["connection"]!.GetValue<string>(), enrolled["contactId"]!.GetValue<string>(), enrolled["state"]!.GetValue<string>()));
        Assert.Equal((1, 0, 0), (first["enrolled"]!.GetValue<int>(), first["alreadyEnrolled"]!.GetValue<int>(), first["refused"]!.GetValue<int>()));
        Assert.Equal(("warm-6-touch", 1), (row.CadenceId, row.NextStepIndex));
        var task = Assert.Single(written);
        Assert.Equal(contact.CrmId, (string?)task["WhoId"]);
        Assert.True(requestsCarryingKey >= 1, "the task write should be in the sandbox request log");

        var repeat = Single(again);
        Assert.Equal(("alreadyEnrolled", id), (repeat["outcome"]!.GetValue<string>(), repeat["enrollmentId"]!.GetValue<Guid>()));
        Assert.Equal(1, open);
        Assert.Single(Salesforce.Org.Tasks, t => (string?)t[Salesforce.Org.Options.SyncKeyField] == syncKey);

        var enrolledAudit = Assert.Single(audit, a => a.Action == ManualEnrollmentService.AuditAction);
        Assert.Equal(("ops-desk", id.ToString()), (enrolledAudit.Actor, enrolledAudit.Target));
        Assert.Equal(2, audit.Count(a => a.Action == ManualEnrollmentService.RequestAuditAction && a.Actor == "ops-desk"));
    }

    [Fact]
    public async Task Each_contact_refused_carries_its_reason_and_the_rest_are_enrolled()
    {
        using var client = host.Client(Key);
        var all = await FreeContacts.AllAsync(host, "hubspot");
        var free = (await FreeContacts.FreeAsync(host, "hubspot")).First();
        var optedOut = all.First(c => c.EmailOptOut && !c.IsDeleted && c.MergedIntoCrmId is null);
        var running = await host.QueryAsync(db => db.Enrollments.AsNoTracking()
            .Where(e => e.Connection == "hubspot" && e.IsOpen && e.CadenceId == "hot-9-touch-14-day").Select(e => e.ContactCrmId).FirstAsync());

        var result = await PostAsync(client, new { cadence = "warm-6-touch", connection = "hubspot", contacts = new[] { free.CrmId, optedOut.CrmId, running, "no-such-contact" } });
        var byContact = result["results"]!.AsArray().ToDictionary(r => r!["contact"]!.GetValue<string>(), r => r!.AsObject());

        Assert.Equal((1, 0, 3), (result["enrolled"]!.GetValue<int>(), result["alreadyEnrolled"]!.GetValue<int>(), result["refused"]!.GetValue<int>()));
        Assert.Equal([free.CrmId, optedOut.CrmId, running, "no-such-contact"], result["results"]!.AsArray().Select(r => r!["contact"]!.GetValue<string>()));
        Assert.Equal("enrolled", byContact[free.CrmId]["outcome"]!.GetValue<string>());
        Assert.Equal(("refused", "OptedOut"), (byContact[optedOut.CrmId]["outcome"]!.GetValue<string>(), byContact[optedOut.CrmId]["reason"]!.GetValue<string>()));
        Assert.Equal("InAnotherCadence", byContact[running]["reason"]!.GetValue<string>());
        Assert.Contains("hot-9-touch-14-day", byContact[running]["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("NotFound", byContact["no-such-contact"]["reason"]!.GetValue<string>());
        Assert.Equal(1, await host.QueryAsync(db => db.Enrollments.CountAsync(e => e.ContactCrmId == running && e.IsOpen)));
        Assert.Equal(0, await host.QueryAsync(db => db.Enrollments.CountAsync(e => e.ContactCrmId == optedOut.CrmId)));
        var request = await host.QueryAsync(db => db.AdminAudit.AsNoTracking().SingleAsync(a => a.Action == ManualEnrollmentService.RequestAuditAction));
        Assert.Contains($"{optedOut.CrmId}: OptedOut", request.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_request_sent_eight_times_at_once_opens_one_enrollment()
    {
        var contact = (await FreeContacts.FreeAsync(host, "hubspot")).First();
        var body = new { cadence = "warm-6-touch", connection = "hubspot", contacts = new[] { contact.CrmId } };
        using var client = host.Client(Key);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(client, body)));
        var outcomes = answers.Select(a => Single(a)["outcome"]!.GetValue<string>()).ToList();
        var ids = answers.Select(a => Single(a)["enrollmentId"]!.GetValue<Guid>()).Distinct().ToList();
        var open = await host.QueryAsync(db => db.Enrollments.AsNoTracking().Where(e => e.ContactCrmId == contact.CrmId && e.IsOpen).ToListAsync());

        Assert.Equal(1, outcomes.Count(o => o == "enrolled"));
        Assert.Equal(7, outcomes.Count(o => o == "alreadyEnrolled"));
        Assert.Equal(open.Select(e => e.Id), ids);
        Assert.Equal(1, await host.QueryAsync(db => db.AdminAudit.CountAsync(a => a.Action == ManualEnrollmentService.AuditAction)));
    }

    [Fact]
    public async Task A_wrong_request_names_the_input_and_writes_nothing()
    {
        using var client = host.Client(Key);
        var before = await host.RowCountsAsync();

        var unknownCadence = await client.PostAsJsonAsync("/api/enrollments", new { cadence = "cold-calls", contacts = UnknownContact });
        var unknownStep = await client.PostAsJsonAsync("/api/enrollments", new { cadence = "warm-6-touch", contacts = UnknownContact, startStep = "12" });
        var noContacts = await client.PostAsJsonAsync("/api/enrollments", new { cadence = "warm-6-touch", contacts = Array.Empty<string>() });

        Assert.Equal(HttpStatusCode.BadRequest, unknownCadence.StatusCode);
        Assert.Contains("No cadence 'cold-calls'", await unknownCadence.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknownStep.StatusCode);
        Assert.Contains("\"startStep\"", await unknownStep.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noContacts.StatusCode);
        Assert.Contains("\"contacts\"", await noContacts.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await host.RowCountsAsync());
    }
}
