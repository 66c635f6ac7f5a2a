using System.Globalization;
using System.Text.Json.Nodes;
using CrmCadenceSync.Mocks.Salesforce.State;

namespace CrmCadenceSync.Mocks.Salesforce.Endpoints;

/// <summary><c>GET sobjects/{type}/deleted/?start=&amp;end=</c>, with a retention window like Salesforce's delete log.</summary>
internal sealed class DeletedEndpoint(SalesforceOrgState org)
{
    public SandboxResponse Handle(string sObjectType, string? start, string? end)
    {
        if (!TryParse(start, out var from) || !TryParse(end, out var to))
        {
            return SandboxResponse.Error(400, "MALFORMED_QUERY", $"start and end must be ISO 8601 date-times (got start='{start}', end='{end}')");
        }

        if (to <= from)
        {
            return SandboxResponse.Error(400, "INVALID_REPLICATION_DATE", "end date must be after start date");
        }

        var earliest = org.Now() - org.Options.DeletedRetention;
        if (org.DeleteLogPurgedBefore is { } purged && purged > earliest)
        {
            earliest = purged;
        }

        var deleted = org.AllOfType(sObjectType)
            .Where(r => r.DeletedAt is { } at && at >= from && at >= earliest && at <= to)
            .Select(r => new JsonObject { ["id"] = r.Id, ["deletedDate"] = SandboxJson.DateTime(r.DeletedAt!.Value) });
        return SandboxResponse.Json(200, new JsonObject
        {
            ["deletedRecords"] = new JsonArray([.. deleted]),
            ["earliestDateAvailable"] = SandboxJson.DateTime(earliest),
            ["latestDateCovered"] = SandboxJson.DateTime(to),
        });
    }

    private static bool TryParse(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(
            text?.Replace(' ', '+'), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
}
