using System.Globalization;
using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Core.Rules;

namespace CrmCadenceSync.HubSpot.Tests.Support;

internal static class Activities
{
    public static CrmActivity Task(string key, long contactId, DateTimeOffset dueAt, CrmActivityKind kind = CrmActivityKind.Task) =>
        new(
            key,
            kind,
            contactId.ToString(CultureInfo.InvariantCulture),
            ContactRecordType.Contact,
            "101",
            StepChannel.Call,
            StepPriority.High,
            $"Call {contactId}",
            "Ask about the new bundle.",
            dueAt,
            DateOnly.FromDateTime(dueAt.UtcDateTime));

    /// <summary><paramref name="count"/> activities spread over the given contacts, keys unique per <paramref name="run"/>.</summary>
    public static List<CrmActivity> Many(int count, IReadOnlyList<long> contactIds, DateTimeOffset dueAt, string run = "run", CrmActivityKind kind = CrmActivityKind.Task) =>
        [.. Enumerable.Range(0, count).Select(i => Task($"{run}:{kind}:{i}", contactIds[i % contactIds.Count], dueAt.AddMinutes(i), kind))];
}
