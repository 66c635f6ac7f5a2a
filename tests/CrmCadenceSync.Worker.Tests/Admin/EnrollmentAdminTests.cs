using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Storage.Mapping;
using CrmCadenceSync.Worker.Outbox;
using CrmCadenceSync.Worker.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCadenceSync.Worker.Tests.Admin;

/// <summary>Pause, resume and exit through the API on the real worker host, each taking effect on the next cycle.</summary>
public sealed class EnrollmentAdminTests : IAsyncLifetime
{
    private AdminHost host = null!;

    public async Task InitializeAsync() => host = await AdminHost.StartAsync(80);

    public async Task DisposeAsync() => await host.DisposeAsync();

    /// <summary>An active HubSpot enrollment whose next step is a rep task the contact will surely get (no role skip, no suppression).</summary>
    private async Task<(EnrollmentEntity Row, Step Step)> NextTaskAsync()
    {
        var rules = host.App.Services.GetRequiredService<RuleSetProvider>().Current.Rules;
        var rows = await host.QueryAsync(db => db.Enrollments.AsNoTracking()
            .Where(e => e.Connection == "hubspot" && e.State == "Active" && e.CadenceId == "hot-9-touch-14-day" && e.NextDueAt != null)
            .OrderBy(e => e.ContactCrmId)
            .ToListAsync());
        foreach (var row in rows)
        {
            var contact = (await host.QueryAsync(db => db.Contacts.AsNoTracking().SingleAsync(c => c.Connection == row.Connection && c.CrmId == row.ContactCrmId))).ToContact();
            var step = rules.Cadences[row.CadenceId].Steps[row.NextStepIndex];
            if (step.Kind == StepKind.Task && rules.Roles.RoleOf(contact) is null && !contact.DoNotCall && !contact.EmailOptOut)
            {
                return (row, step);
            }
        }

        throw new InvalidOperationException("The sandbox should hold an active Hot enrollment with a task step next.");
    }

    private Task<List<OutboxEntity>> TaskWritesAsync(Guid enrollment) =>
        host.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.EnrollmentId == enrollment && o.WriteType == WriteType.Task).ToListAsync());

    private Task<List<StepRunEntity>> StepRunsAsync(Guid enrollment) =>
        host.QueryAsync(db => db.StepRuns.AsNoTracking().Where(r => r.EnrollmentId == enrollment).ToListAsync());

    [Fact]
    public async Task Pause_resume_and_exit_take_effect_on_the_next_cycle_and_are_audited()
    {
        using var client = host.Client();
        var (row, step) = await NextTaskAsync();
        var key = $"{row.Id:N}:{step.Id}:0";
        var runsBefore = (await StepRunsAsync(row.Id)).Count;

        var paused = await client.PostAsync($"/api/enrollments/{row.Id}/pause", null);
        host.Clock.SetUtcNow(row.NextDueAt!.Value.AddMinutes(5));
        await host.RunCycleAsync();
        var whilePaused = await TaskWritesAsync(row.Id);
        var runsWhilePaused = (await StepRunsAsync(row.Id)).Count;

        var resumed = await client.PostAsync($"/api/enrollments/{row.Id}/resume", null);
        await host.RunCycleAsync();
        var afterResume = await TaskWritesAsync(row.Id);
        var written = host.HubSpot.Portal.Records("tasks").Count(t => t["ccs_sync_key"] == key);
        var nextDue = (await host.QueryAsync(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.Id == row.Id))).NextDueAt;

        var exited = await client.PostAsync($"/api/enrollments/{row.Id}/exit", null);
        var runsAtExit = (await StepRunsAsync(row.Id)).Count;
        host.Clock.SetUtcNow(nextDue!.Value.AddDays(1));
        await host.RunCycleAsync();
        var tasksAfterExit = await TaskWritesAsync(row.Id);

        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal("Paused", (await paused.Content.ReadFromJsonAsync<JsonObject>())!["state"]!.GetValue<string>());
        Assert.DoesNotContain(whilePaused, o => o.IdempotencyKey == key);
        Assert.Equal(runsBefore, runsWhilePaused);

        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        var write = Assert.Single(afterResume, o => o.IdempotencyKey == key);
        Assert.Equal(OutboxState.Sent, write.State);
        Assert.Equal(1, written);

        Assert.Equal(HttpStatusCode.OK, exited.StatusCode);
        var ended = await host.QueryAsync(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.Id == row.Id));
        Assert.Equal(("Exited", "Manual", false), (ended.State, ended.ExitReason, ended.IsOpen));
        Assert.Equal(runsAtExit, (await StepRunsAsync(row.Id)).Count);
        Assert.Equal(afterResume.Select(o => o.IdempotencyKey).Order(), tasksAfterExit.Select(o => o.IdempotencyKey).Order());

        var audit = await host.QueryAsync(db => db.AdminAudit.AsNoTracking().OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["enrollment.pause", "enrollment.resume", "enrollment.exit"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(("loopback", row.Id.ToString()), (a.Actor, a.Target)));
        Assert.Equal("Active -> Paused", audit[0].Detail![^16..]);
    }

    [Fact]
    public async Task Enrollments_are_found_by_contact_cadence_segment_and_state_and_a_wrong_action_is_refused()
    {
        using var client = host.Client();
        var (row, _) = await NextTaskAsync();
        var hot = await host.QueryAsync(db => db.Enrollments.CountAsync(e => e.Segment == "Hot" && e.IsOpen));

        var byContact = await client.GetFromJsonAsync<JsonObject>($"/api/enrollments?contact={row.ContactCrmId}");
        var bySegment = await client.GetFromJsonAsync<JsonObject>("/api/enrollments?segment=Hot&cadence=hot-9-touch-14-day&state=open");
        var resumeActive = await client.PostAsync($"/api/enrollments/{row.Id}/resume", null);
        var badState = await client.GetAsync("/api/enrollments?state=Sleeping");

        Assert.Contains(byContact!["items"]!.AsArray(), i => i!["id"]!.GetValue<Guid>() == row.Id);
        Assert.All(byContact["items"]!.AsArray(), i => Assert.Equal(row.ContactCrmId, i!["contact"]!.GetValue<string>()));
        Assert.Equal(hot, bySegment!["total"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Conflict, resumeActive.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badState.StatusCode);
        Assert.Contains("'Sleeping' is not a state", await badState.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await host.QueryAsync(db => db.AdminAudit.CountAsync()));
    }
}
