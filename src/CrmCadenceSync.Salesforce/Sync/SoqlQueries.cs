using System.Globalization;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Salesforce.Api;
using CrmCadenceSync.Salesforce.Configuration;
using CrmCadenceSync.Salesforce.Mapping;
using CrmCadenceSync.Salesforce.Schema;

namespace CrmCadenceSync.Salesforce.Sync;

/// <summary>The SOQL the connector sends; the sandbox understands exactly this subset.</summary>
internal sealed class SoqlQueries(SalesforceConnectionOptions options, SalesforceFieldAvailability availability)
{

    /// <summary>
    /// The next page after the (SystemModstamp, Id) cursor, in that order. Records sharing the cursor's timestamp with a
    /// larger id still qualify, so a page boundary inside a run of equal timestamps loses nothing.
    /// </summary>
    public string Changed(string sObject, SyncCursor cursor)
    {
        var at = SalesforceRecordValues.ToSoqlDateTime(cursor.ModifiedAt);
        var after = cursor.LastId.Length == 0
            ? $"SystemModstamp >= {at}"
            : $"(SystemModstamp > {at} OR (SystemModstamp = {at} AND Id > {Quote(cursor.LastId)}))";
        var converted = sObject == SalesforceObjects.Lead ? "IsConverted = false AND " : "";
        return $"SELECT {Fields(sObject)} FROM {sObject} WHERE {converted}{after} ORDER BY SystemModstamp ASC, Id ASC LIMIT {options.PageSize.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>Records by id, converted Leads included, so a conversion is seen when a contact is re-read.</summary>
    public string ByIds(string sObject, IEnumerable<string> ids) =>
        $"SELECT {Fields(sObject)} FROM {sObject} WHERE Id IN ({string.Join(", ", ids.Select(Quote))})";

    /// <summary>
    /// The converted Leads that became these Contacts: read with the Contacts, so a Contact polled before its converted
    /// Lead is seen (converted Leads leave the changed-records query) still continues the Lead's enrollment.
    /// </summary>
    public string ConvertedInto(IEnumerable<string> contactIds) =>
        $"SELECT {Fields(SalesforceObjects.Lead)} FROM {SalesforceObjects.Lead} WHERE IsConverted = true AND ConvertedContactId IN ({string.Join(", ", contactIds.Select(Quote))})";

    /// <summary>Our tasks by id: status, completion and the Call Result a rep logged.</summary>
    public static string TasksByIds(IEnumerable<string> ids) =>
        $"SELECT Id, Status, IsClosed, CompletedDateTime, CallDisposition, SystemModstamp FROM Task WHERE Id IN ({string.Join(", ", ids.Select(Quote))})";

    public static string ActiveUsers() =>
        "SELECT Id, FirstName, LastName, Email, TimeZoneSidKey FROM User WHERE IsActive = true ORDER BY Id ASC";

    /// <summary>The object's fields, without the optional ones the schema check found missing.</summary>
    private string Fields(string sObject) =>
        string.Join(", ", FieldList(options.FieldMapping, sObject).Where(f => !availability.IsAbsent(sObject, f)));

    private static string Quote(string value) =>
        $"'{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}'";

    private static IEnumerable<string> FieldList(SalesforceFieldMapping map, string sObject)
    {
        IEnumerable<string?> fields = sObject == SalesforceObjects.Lead
            ? ["Id", "FirstName", "LastName", "Email", "Company", "Title", "OwnerId", "LeadSource", map.LeadCountryField, map.LeadStageField, "IsConverted", "ConvertedContactId"]
            : ["Id", "FirstName", "LastName", "Email", "Title", "OwnerId", "LeadSource", map.ContactCountryField];
        return fields
            .Concat([map.EmailOptOutField, map.DoNotCallField, map.EmailBouncedDateField, map.ScoreField, map.TimeZoneField, "SystemModstamp"])
            .Concat([map.LastRepliedAtField, map.LastMeetingBookedAtField, map.LastEmailOpenedAtField, map.LastEmailClickedAtField])
            .Concat(map.AdditionalFields)
            .Append(map.ConsentField)
            .OfType<string>()
            .Where(f => f.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase);
    }
}
