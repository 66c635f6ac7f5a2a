using CrmCadenceSync.Mocks;
using CrmCadenceSync.Core.Replies;
using CrmCadenceSync.HubSpot.Tests.Support;

namespace CrmCadenceSync.HubSpot.Tests;

/// <summary>The reply itself comes with a contact whose reply date is recent: its latest incoming email engagement.</summary>
public sealed class ReplyReadTests
{
    [Fact]
    public async Task A_contact_with_a_recent_reply_comes_with_its_latest_incoming_email_in_two_batch_calls()
    {
        using var harness = new HubSpotHarness(s => s.Contacts = 3);
        var portal = harness.Sandbox.Portal;
        var now = harness.Time.GetUtcNow();
        portal.TouchContact(1001, now, new Dictionary<string, string?> { ["hs_sales_email_last_replied"] = "" });
        portal.TouchContact(1003, now, new Dictionary<string, string?> { ["hs_sales_email_last_replied"] = "" });
        portal.AddIncomingEmail(1002, SandboxReplies.HumanEnglish, now.AddDays(-3));
        portal.AddIncomingEmail(1002, SandboxReplies.OutOfOfficeFrench, now.AddHours(-1));

        var contacts = await harness.RunAsync(() => harness.Connector.ReadContactsAsync(["1001", "1002", "1003"], CancellationToken.None));

        var reply = contacts[1].LastReply!;
        Assert.Equal(SandboxReplies.OutOfOfficeFrench.Subject, reply.Subject);
        Assert.Contains("de retour le 14 janvier", reply.Body, StringComparison.Ordinal);
        Assert.Equal(ReplyKind.AutoReply, ReplyClassifier.Classify(reply, new DateOnly(2026, 11, 22)).Kind);
        Assert.Null(contacts[0].LastReply);
        Assert.Null(contacts[2].LastReply);
        var associations = Assert.Single(harness.Requests("/contacts/emails/batch/read"));
        Assert.DoesNotContain("1001", associations.RequestMessage!.Body!, StringComparison.Ordinal);
        Assert.Single(harness.Requests("/emails/batch/read"), e => e.RequestMessage!.Path.Contains("/crm/objects/", StringComparison.Ordinal));
    }
}
