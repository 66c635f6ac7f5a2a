using System.Text.Json;
using System.Text.Json.Nodes;
using CrmCadenceSync.Mocks.Salesforce.State;

namespace CrmCadenceSync.Mocks.Salesforce.Endpoints;

/// <summary>
/// sObject Collections create, update and upsert (at most 200 records, per-record results in request order), and the
/// single-record upsert by external id (201 created, 200 updated, 300 several matches).
/// </summary>
internal sealed class CollectionsEndpoint(SalesforceOrgState org)
{
    public const int MaxRecords = 200;

    private readonly RecordValidator validator = new(org);

    public SandboxResponse Create(string? body) => Collection(body, (record, type) =>
    {
        var (fields, error) = validator.Read(type, record, isUpdate: false);
        return error is not null ? Failed(null, error) : Succeeded(org.Add(type, fields!, by: org.IntegrationUserId).Id, created: null);
    });

    public SandboxResponse Update(string? body) => Collection(body, (record, type) =>
    {
        var id = record["Id"]?.GetValue<string>() ?? record["id"]?.GetValue<string>();
        var existing = id is null ? null : org.FindUnlocked(id);
        if (existing is null || existing.SObjectType != type)
        {
            return Failed(id, new RecordError("INVALID_CROSS_REFERENCE_KEY", $"invalid cross reference id: {id}", "Id"));
        }

        if (existing.IsDeleted)
        {
            return Failed(id, new RecordError("ENTITY_IS_DELETED", "entity is deleted", "Id"));
        }

        var (fields, error) = validator.Read(type, record, isUpdate: true);
        if (error is not null)
        {
            return Failed(id, error);
        }

        fields!.Remove("Id");
        org.Modify(existing.Id, fields, by: org.IntegrationUserId);
        return Succeeded(existing.Id, created: null);
    });

    public SandboxResponse Upsert(string sObjectType, string externalIdField, string? body)
    {
        if (!IsExternalId(sObjectType, externalIdField))
        {
            return SandboxResponse.Error(404, "NOT_FOUND", $"Provided external ID field does not exist or is not accessible: {externalIdField}");
        }

        return Collection(body, (record, type) =>
        {
            if (!string.Equals(type, sObjectType, StringComparison.OrdinalIgnoreCase))
            {
                return Failed(null, new RecordError("INVALID_TYPE", $"record type {type} does not match {sObjectType}"));
            }

            return UpsertOne(sObjectType, externalIdField, record[externalIdField]?.ToString(), record) switch
            {
                (var id, var created, null, _) => Succeeded(id, created),
                (var id, _, var error, _) => Failed(id, error),
            };
        });
    }

    /// <summary><c>PATCH sobjects/{type}/{field}/{value}</c>.</summary>
    public SandboxResponse UpsertSingle(string apiVersion, string sObjectType, string externalIdField, string value, string? body)
    {
        if (!IsExternalId(sObjectType, externalIdField))
        {
            return SandboxResponse.Error(404, "NOT_FOUND", $"Provided external ID field does not exist or is not accessible: {externalIdField}");
        }

        JsonObject record;
        try
        {
            record = SandboxResponse.Parse(body);
        }
        catch (JsonException ex)
        {
            return SandboxResponse.Error(400, "JSON_PARSER_ERROR", ex.Message);
        }

        record[externalIdField] = value;
        var (id, created, error, matches) = UpsertOne(sObjectType, externalIdField, value, record);
        if (matches.Count > 1)
        {
            return SandboxResponse.Json(300, new JsonArray([.. matches.Select(m => JsonValue.Create($"/services/data/{apiVersion}/sobjects/{sObjectType}/{m}"))]));
        }

        return error is not null
            ? SandboxResponse.Error(400, error.StatusCode, error.Message, error.Fields)
            : SandboxResponse.Json(created == true ? 201 : 200, Succeeded(id, created));
    }

    private (string? Id, bool? Created, RecordError? Error, IReadOnlyList<string> Matches) UpsertOne(
        string sObjectType, string externalIdField, string? key, JsonObject record)
    {
        if (string.IsNullOrEmpty(key))
        {
            return (null, null, new RecordError("REQUIRED_FIELD_MISSING", $"Required fields are missing: [{externalIdField}]", externalIdField), []);
        }

        // IsExternalId admits only the task sync key, which the org indexes.
        var matches = org.LiveTasksWithSyncKey(key).Select(r => r.Id).ToList();
        if (matches.Count > 1)
        {
            return (null, null, new RecordError("DUPLICATE_EXTERNAL_ID", $"{externalIdField}: more than one record found for external id field: [{string.Join(", ", matches)}]", externalIdField), matches);
        }

        var (fields, error) = validator.Read(sObjectType, record, isUpdate: matches.Count == 1);
        if (error is not null)
        {
            return (matches.FirstOrDefault(), null, error, matches);
        }

        if (matches.Count == 1)
        {
            org.Modify(matches[0], fields!, by: org.IntegrationUserId);
            return (matches[0], false, null, matches);
        }

        return (org.Add(sObjectType, fields!, by: org.IntegrationUserId).Id, true, null, matches);
    }

    private SandboxResponse Collection(string? body, Func<JsonObject, string, JsonObject> write)
    {
        JsonObject request;
        try
        {
            request = SandboxResponse.Parse(body);
        }
        catch (JsonException ex)
        {
            return SandboxResponse.Error(400, "JSON_PARSER_ERROR", ex.Message);
        }

        var records = request["records"] as JsonArray ?? [];
        org.RecordCollectionCall(records.Count);
        if (records.Count > MaxRecords)
        {
            return SandboxResponse.Error(400, "EXCEEDED_ID_LIMIT", $"record limit reached. cannot submit more than {MaxRecords} records into this call");
        }

        if (request["allOrNone"]?.GetValue<bool>() == true)
        {
            return SandboxResponse.Error(400, "INVALID_FIELD", "the sandbox answers allOrNone=false only, as the connector sends");
        }

        var results = new JsonArray();
        foreach (var node in records)
        {
            var record = node as JsonObject ?? [];
            var type = record["attributes"]?["type"]?.GetValue<string>();
            results.Add(type is null || !SalesforceOrgState.IsKnownType(type)
                ? Failed(null, new RecordError("INVALID_TYPE", $"sObject type '{type}' is not supported or attributes.type is missing"))
                : write(record, type));
        }

        return SandboxResponse.Json(200, results);
    }

    private bool IsExternalId(string sObjectType, string field) =>
        string.Equals(sObjectType, SalesforceOrgState.Task, StringComparison.OrdinalIgnoreCase)
        && string.Equals(field, org.Options.SyncKeyField, StringComparison.OrdinalIgnoreCase);

    private static JsonObject Succeeded(string? id, bool? created)
    {
        var result = new JsonObject { ["id"] = id, ["success"] = true, ["errors"] = new JsonArray() };
        if (created is not null)
        {
            result["created"] = created;
        }

        return result;
    }

    private static JsonObject Failed(string? id, RecordError error) =>
        new() { ["id"] = id, ["success"] = false, ["errors"] = new JsonArray(error.ToJson()) };
}
