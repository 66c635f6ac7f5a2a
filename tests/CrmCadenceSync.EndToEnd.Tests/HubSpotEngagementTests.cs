using System.Globalization;
using System.Net;
using CrmCadenceSync.EndToEnd.Tests.Infrastructure;
using CrmCadenceSync.Mocks.HubSpot;
using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.EndToEnd.Tests;

/// <summary>Engagement arriving from HubSpot by signed webhook moves, ends and suppresses cadences, end to end.</summary>
public sealed class HubSpotEngagementTests
{
    private const string Tasks = "tasks";
    private const string SyncKey = "ccs_sync_key";
    private const int TaskToContact = 204;

    [Fact]
    public async Task A_signed_webhook_raising_the_score_from_40_to_85_moves_the_contact_from_nurture_to_hot_and_its_first_hot_task_appears_in_HubSpot()
    {
        await using var worker = await RunningWorker.StartAsync();
        var contact = HubSpotContacts.Add(worker.HubSpot, 40, "Nora");
        using (var created = await worker.PostHubSpotWebhookAsync(worker.HubSpot.Webhooks.Event("contact.creation", contact)))
        {
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }

        var nurture = await worker.WaitForAsync(() => OpenEnrollmentAsync(worker, contact), e => e is not null, "the contact's nurture enrollment");
        Assert.Equal("monthly-nurture", nurture!.CadenceId);

        await worker.AdvanceAsync(TimeSpan.FromMinutes(1));
        HubSpotContacts.Change(worker.HubSpot, contact, "hubspotscore", "85");
        var raised = worker.HubSpot.Webhooks.Event("contact.propertyChange", contact, "hubspotscore", "85");
        using var forgerClient = new HttpClient();
        var forger = new HubSpotWebhookSender(new HubSpotSandboxOptions { WebhookSecret = "not-the-app-secret", Time = worker.Time }, forgerClient);
        using (var forged = await forger.SendAsync(worker.Webhook("hubspot"), [raised], CancellationToken.None))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }

        Assert.Equal("monthly-nurture", (await OpenEnrollmentAsync(worker, contact))!.CadenceId);
        using (var signed = await worker.PostHubSpotWebhookAsync(raised))
        {
            Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        }

        // No job is run by the test: the stored webhook itself must start processing and the drain.
        var task = await worker.WaitForAsync(
            () => Task.FromResult(HubSpotContacts.ActivitiesOf(worker.HubSpot, Tasks, contact).SingleOrDefault()),
            t => t is not null,
            "the first hot task in the HubSpot sandbox");

        var enrollments = await EnrollmentsAsync(worker, contact);
        Assert.Collection(
            enrollments,
            old =>
            {
                Assert.Equal("monthly-nurture", old.CadenceId);
                Assert.False(old.IsOpen);
                Assert.Equal("MovedToAnotherCadence", old.ExitReason);
            },
            hot =>
            {
                Assert.Equal("hot-9-touch-14-day", hot.CadenceId);
                Assert.Equal("Hot", hot.Segment);
                Assert.True(hot.IsOpen);
            });
        var hotEnrollment = enrollments[1];
        Assert.Equal($"{hotEnrollment.Id:N}:quiz-follow-up-email:0", task![SyncKey]);
        Assert.Equal("EMAIL", task["hs_task_type"]);
        Assert.Equal("HIGH", task["hs_task_priority"]);
        Assert.Contains("pipeline visibility", task["hs_task_subject"], StringComparison.Ordinal);
        Assert.Equal(worker.HubSpot.Portal.Owners[0].Id.ToString(CultureInfo.InvariantCulture), task["hubspot_owner_id"]);
        var association = Assert.Single(task.Associations);
        Assert.Equal(new HubSpotAssociation(contact, "HUBSPOT_DEFINED", TaskToContact), association);

        // The task travelled as a real batch-create request carrying its sync key.
        Assert.Single(
            worker.HubSpot.Server.LogEntries,
            e => e.RequestMessage!.Method == "POST"
                && e.RequestMessage.Path.EndsWith("/tasks/batch/create", StringComparison.Ordinal)
                && e.RequestMessage.Body!.Contains(task[SyncKey]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reply_exits_the_enrollment_and_no_further_task_is_written_for_that_contact_in_later_cycles()
    {
        await using var worker = await RunningWorker.StartAsync();
        var replier = HubSpotContacts.Add(worker.HubSpot, 85, "Rita");
        var silent = HubSpotContacts.Add(worker.HubSpot, 85, "Sam");
        using (var created = await worker.PostHubSpotWebhookAsync(
            worker.HubSpot.Webhooks.Event("contact.creation", replier), worker.HubSpot.Webhooks.Event("contact.creation", silent)))
        {
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }

        await worker.WaitForAsync(
            () => Task.FromResult(HubSpotContacts.ActivitiesOf(worker.HubSpot, Tasks, replier).Count + HubSpotContacts.ActivitiesOf(worker.HubSpot, Tasks, silent).Count),
            count => count == 2,
            "both hot contacts' first task");

        await worker.AdvanceAsync(TimeSpan.FromMinutes(1));
        HubSpotContacts.Change(worker.HubSpot, replier, "hs_sales_email_last_replied", HubSpotPortal.Iso(worker.Time.GetUtcNow()));
        using (var replied = await worker.PostHubSpotWebhookAsync(worker.HubSpot.Webhooks.Event(
            "contact.propertyChange", replier, "hs_sales_email_last_replied", worker.Time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))))
        {
            Assert.Equal(HttpStatusCode.OK, replied.StatusCode);
        }

        var exited = await worker.WaitForAsync(() => EnrollmentsAsync(worker, replier), e => e.Single() is { IsOpen: false }, "the replier's enrollment to end");
        Assert.Equal("Exited", exited.Single().State);
        Assert.Equal("Replied", exited.Single().ExitReason);
        await worker.WaitForAsync(
            () => Task.FromResult(worker.HubSpot.Portal.Find("contacts", replier)!["ccs_cadence_status"]),
            status => status == "Exited: replied",
            "the exit written back to the contact");

        // Three weeks of twice-daily cycles: the silent contact gets every remaining hot step, each on its day, the replier none.
        for (var half = 0; half < 44; half++)
        {
            await worker.AdvanceAsync(TimeSpan.FromHours(12));
            await worker.RunCycleAsync();
        }

        var silentTasks = HubSpotContacts.ActivitiesOf(worker.HubSpot, Tasks, silent);
        Assert.Equal(9, silentTasks.Count);
        var replierTask = Assert.Single(HubSpotContacts.ActivitiesOf(worker.HubSpot, Tasks, replier));
        Assert.EndsWith(":quiz-follow-up-email:0", replierTask[SyncKey], StringComparison.Ordinal);
        var replierEnrollment = exited.Single().Id;
        Assert.Equal(
            ["quiz-follow-up-email"],
            await worker.QueryAsync(db => db.StepRuns.Where(r => r.EnrollmentId == replierEnrollment).Select(r => r.StepId).ToListAsync()));
        Assert.DoesNotContain(
            await worker.QueryAsync(db => db.Outbox.Where(o => o.EnrollmentId == replierEnrollment && o.WriteType == "Task").Select(o => o.IdempotencyKey).ToListAsync()),
            key => !key.EndsWith(":quiz-follow-up-email:0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_opt_out_after_the_email_step_was_scheduled_stops_that_email_step_and_exits_the_enrollment_as_opted_out()
    {
        await using var worker = await RunningWorker.StartAsync();
        var optingOut = HubSpotContacts.Add(worker.HubSpot, 30, "Olga");
        var staying = HubSpotContacts.Add(worker.HubSpot, 30, "Stan");
        using (var created = await worker.PostHubSpotWebhookAsync(
            worker.HubSpot.Webhooks.Event("contact.creation", optingOut), worker.HubSpot.Webhooks.Event("contact.creation", staying)))
        {
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }

        // Both are in nurture: the welcome note is written and the first email step is scheduled for tomorrow.
        var scheduled = await worker.WaitForAsync(
            () => OpenEnrollmentAsync(worker, optingOut),
            e => e is { NextStepIndex: 1 },
            "the welcome note to be written and the email step scheduled");
        Assert.Equal("monthly-nurture", scheduled!.CadenceId);
        Assert.True(scheduled.NextDueAt > worker.Time.GetUtcNow(), $"The email step should be due later, not at {scheduled.NextDueAt:O}.");
        await worker.WaitForAsync(() => OpenEnrollmentAsync(worker, staying), e => e is { NextStepIndex: 1 }, "the control contact's welcome note");

        await worker.AdvanceAsync(TimeSpan.FromMinutes(1));
        HubSpotContacts.Change(worker.HubSpot, optingOut, "hs_email_optout", "true");
        using (var optOut = await worker.PostHubSpotWebhookAsync(worker.HubSpot.Webhooks.Event("contact.propertyChange", optingOut, "hs_email_optout", "true")))
        {
            Assert.Equal(HttpStatusCode.OK, optOut.StatusCode);
        }

        var ended = await worker.WaitForAsync(() => EnrollmentsAsync(worker, optingOut), e => e.Single() is { IsOpen: false }, "the opted-out enrollment to end");
        Assert.Equal("OptedOut", ended.Single().ExitReason);

        // Past the email step's due time: the control contact gets its email touch, the opted-out contact nothing.
        await worker.AdvanceAsync(TimeSpan.FromDays(2));
        await worker.RunCycleAsync();

        var emailKey = $"{scheduled.Id:N}:month-1-guide:0";
        var stayingEmailKey = $"{(await EnrollmentsAsync(worker, staying)).Single().Id:N}:month-1-guide:0";
        Assert.Contains(AllActivities(worker.HubSpot), r => r[SyncKey] == stayingEmailKey);
        Assert.DoesNotContain(AllActivities(worker.HubSpot), r => r[SyncKey] == emailKey);
        Assert.DoesNotContain(AllActivities(worker.HubSpot), r => r.ObjectType != "notes" && r.Associations.Any(a => a.ToContactId == optingOut));
        Assert.False(await worker.QueryAsync(db => db.Outbox.AnyAsync(o => o.IdempotencyKey == emailKey)));
        Assert.False(await worker.QueryAsync(db => db.StepRuns.AnyAsync(r => r.EnrollmentId == scheduled.Id && r.StepId == "month-1-guide")));
    }

    private static IEnumerable<HubSpotRecord> AllActivities(HubSpotSandbox sandbox) =>
        sandbox.Portal.Records("tasks").Concat(sandbox.Portal.Records("emails")).Concat(sandbox.Portal.Records("notes"));

    private static Task<EnrollmentEntity?> OpenEnrollmentAsync(RunningWorker worker, long contact)
    {
        var id = contact.ToString(CultureInfo.InvariantCulture);
        return worker.QueryAsync(db => db.Enrollments.AsNoTracking().SingleOrDefaultAsync(e => e.Connection == "hubspot" && e.ContactCrmId == id && e.IsOpen));
    }

    private static Task<List<EnrollmentEntity>> EnrollmentsAsync(RunningWorker worker, long contact)
    {
        var id = contact.ToString(CultureInfo.InvariantCulture);
        return worker.QueryAsync(db => db.Enrollments.AsNoTracking().Where(e => e.Connection == "hubspot" && e.ContactCrmId == id).OrderBy(e => e.EnrolledAt).ToListAsync());
    }
}
