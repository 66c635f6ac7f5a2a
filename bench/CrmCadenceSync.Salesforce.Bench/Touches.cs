using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Mocks.Salesforce.State;

namespace CrmCadenceSync.Salesforce.Bench;

internal static class Touches
{
    private static readonly StepChannel[] Channels = [StepChannel.Call, StepChannel.Email, StepChannel.LinkedIn, StepChannel.Task];

    /// <summary>Due touches spread over the org's Leads and Contacts, each with its own idempotency key.</summary>
    public static List<CrmActivity> Create(SalesforceOrgState org, string run, int count)
    {
        var people = org.Leads.Where(l => l["IsConverted"] is false).Concat(org.Contacts).ToList();
        return Enumerable.Range(0, count).Select(i =>
        {
            var who = people[i % people.Count];
            return new CrmActivity(
                $"{run}:enr-{i}:step-{i % 9}:gen-0",
                CrmActivityKind.Task,
                who.Id,
                who.SObjectType == SalesforceOrgState.Lead ? ContactRecordType.Lead : ContactRecordType.Contact,
                (string?)who["OwnerId"],
                Channels[i % Channels.Length],
                StepPriority.Normal,
                $"Touch {i % 9 + 1}: follow up",
                "Drafted by the cadence.",
                new DateTimeOffset(2026, 1, 6, 15, 0, 0, TimeSpan.Zero),
                new DateOnly(2026, 1, 6));
        }).ToList();
    }
}
