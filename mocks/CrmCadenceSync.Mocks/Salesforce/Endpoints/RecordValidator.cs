using System.Text.Json.Nodes;
using CrmCadenceSync.Mocks.Salesforce.State;

namespace CrmCadenceSync.Mocks.Salesforce.Endpoints;

/// <summary>The validation Salesforce applies to the records the connector writes: schema, references, picklists, lengths.</summary>
internal sealed class RecordValidator(SalesforceOrgState org)
{
    private static readonly HashSet<string> TaskStatuses = ["Not Started", "In Progress", "Completed", "Waiting on someone else", "Deferred"];
    private static readonly HashSet<string> Priorities = ["High", "Normal", "Low"];
    private static readonly HashSet<string> Subtypes = ["Task", "Email", "ListEmail", "Cadence", "Call", "LinkedIn"];

    /// <summary>Task fields Salesforce accepts on create and refuses on update.</summary>
    private static readonly HashSet<string> CreateOnly = new(StringComparer.OrdinalIgnoreCase) { "TaskSubtype" };

    /// <summary>Converts the written fields, or says why the record is refused.</summary>
    public (Dictionary<string, object?>? Fields, RecordError? Error) Read(string sObjectType, JsonObject record, bool isUpdate)
    {
        var schema = org.SchemaOf(sObjectType).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var fields = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, node) in record)
        {
            if (name == "attributes")
            {
                continue;
            }

            if (!schema.Contains(name) || name is "SystemModstamp")
            {
                return (null, new RecordError("INVALID_FIELD", $"No such column '{name}' on sobject of type {sObjectType}", name));
            }

            // Audit fields are the org's to stamp ("Set Audit Fields" is an import-only permission).
            if (name is "CreatedDate")
            {
                return (null, new RecordError(
                    "INVALID_FIELD_FOR_INSERT_UPDATE",
                    $"Unable to create/update fields: {name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.",
                    name));
            }

            if ((isUpdate && sObjectType == SalesforceOrgState.Task && CreateOnly.Contains(name)) || (name != "Id" && !org.IsWritable(sObjectType, name)))
            {
                return (null, new RecordError(
                    "INVALID_FIELD_FOR_INSERT_UPDATE",
                    $"Unable to create/update fields: {name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.",
                    name));
            }

            try
            {
                fields[name] = SandboxJson.FromJson(name, node);
            }
            catch (FormatException ex)
            {
                return (null, new RecordError("INVALID_TYPE_ON_FIELD_IN_RECORD", ex.Message, name));
            }

            if (fields[name] is string text && SalesforceSchema.TextLengths.TryGetValue(name, out var max) && text.Length > max)
            {
                return (null, new RecordError("STRING_TOO_LONG", $"{name}: data value too large: {text[..40]}... (max length={max})", name));
            }
        }

        return (fields, sObjectType == SalesforceOrgState.Task ? CheckTask(fields) : null);
    }

    private RecordError? CheckTask(Dictionary<string, object?> fields)
    {
        if (fields.GetValueOrDefault("WhoId") is string whoId)
        {
            var who = org.FindUnlocked(whoId);
            if (who is null || who.SObjectType is not (SalesforceOrgState.Lead or SalesforceOrgState.Contact))
            {
                return new RecordError("INVALID_CROSS_REFERENCE_KEY", $"Name ID: id value of incorrect type: {whoId}", "WhoId");
            }

            if (who.IsDeleted)
            {
                return new RecordError("ENTITY_IS_DELETED", "entity is deleted", "WhoId");
            }
        }

        if (fields.GetValueOrDefault("OwnerId") is string ownerId && org.FindUnlocked(ownerId)?.SObjectType != SalesforceOrgState.User)
        {
            return new RecordError("INVALID_CROSS_REFERENCE_KEY", $"Assigned To ID: owner cannot be blank or invalid: {ownerId}", "OwnerId");
        }

        if (fields.GetValueOrDefault("Subject") is string { Length: > 255 } subject)
        {
            return new RecordError("STRING_TOO_LONG", $"Subject: data value too large: {subject[..40]}... (max length=255)", "Subject");
        }

        return Picklist(fields, "Status", TaskStatuses) ?? Picklist(fields, "Priority", Priorities) ?? Picklist(fields, "TaskSubtype", Subtypes);
    }

    private static RecordError? Picklist(Dictionary<string, object?> fields, string field, HashSet<string> allowed) =>
        fields.GetValueOrDefault(field) is string value && !allowed.Contains(value)
            ? new RecordError("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", $"{field}: bad value for restricted picklist field: {value}", field)
            : null;
}
