using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Mocks.Salesforce.State;

namespace CrmCadenceSync.Salesforce.Tests.Support;

internal static class Activities
{
    /// <summary>One call task per touch, spread over the sandbox's live Leads and Contacts, keys stable per index.</summary>
    public static List<CrmActivity> For(SalesforceOrgState org, int count, string keyPrefix = "enr")
    {
        var people = org.Leads.Where(l => !(bool)l["IsConverted"]!).Concat(org.Contacts).ToList();
        return Enumerable.Range(0, count).Select(i =>
        {
            var who = people[i % people.Count];
            return new CrmActivity(
                IdempotencyKey: $"{keyPrefix}-{i}:step-1:gen-0",
                Kind: CrmActivityKind.Task,
                ContactCrmId: who.Id,
                ContactRecordType: who.SObjectType == SalesforceOrgState.Lead ? ContactRecordType.Lead : ContactRecordType.Contact,
                OwnerId: (string?)who["OwnerId"],
                Channel: StepChannel.Call,
                Priority: StepPriority.High,
                Subject: $"Call {who["FirstName"]} about the pilot",
                Body: "Ask about the Q1 rollout.",
                DueAt: new DateTimeOffset(2026, 1, 6, 15, 0, 0, TimeSpan.Zero),
                RepLocalDueDate: new DateOnly(2026, 1, 6));
        }).ToList();
    }
}
