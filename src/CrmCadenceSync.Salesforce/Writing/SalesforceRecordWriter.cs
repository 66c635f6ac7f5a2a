using System.Net;
using System.Text.Json.Nodes;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Salesforce.Api;
using CrmCadenceSync.Salesforce.Configuration;
using CrmCadenceSync.Salesforce.Errors;
using CrmCadenceSync.Salesforce.Resilience;
using Microsoft.Extensions.Logging;
using Refit;

namespace CrmCadenceSync.Salesforce.Writing;

/// <summary>
/// Writes through sObject Collections, at most 200 records a call with allOrNone=false, so a record Salesforce refuses
/// fails alone. Tasks are upserted by the sync key field, which makes a retried batch update instead of duplicate.
/// </summary>
internal sealed partial class SalesforceRecordWriter(
    string connection,
    SalesforceConnectionOptions options,
    ISalesforceApi api,
    ILogger<SalesforceRecordWriter> logger)
{
    /// <summary>Salesforce's ceiling for one sObject Collections call.</summary>
    public const int MaxRecordsPerCall = 200;

    private const string EntityIsDeleted = "ENTITY_IS_DELETED";

    /// <summary>Task fields Salesforce sets on create only.</summary>
    private static readonly HashSet<string> CreateOnlyFields = new(StringComparer.OrdinalIgnoreCase) { "TaskSubtype" };

    /// <summary>Per-record refusals that a later attempt can get past (row locks, a busy org); everything else is permanent.</summary>
    private static readonly HashSet<string> TransientRecordErrors = new(StringComparer.Ordinal) { "UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE" };

    public Task<IReadOnlyList<CrmWriteResult>> WriteActivitiesAsync(IReadOnlyList<CrmActivity> activities, CancellationToken cancellationToken) =>
        WriteAsync(
            activities.Select(a => (a.IdempotencyKey, SalesforceTaskRecords.Task(a, options.SyncKeyField))).ToList(),
            (request, ct) => api.UpsertAsync(options.ApiVersion, SalesforceObjects.Task, options.SyncKeyField, request, ct),
            cancellationToken);

    public Task<IReadOnlyList<CrmWriteResult>> WriteStatusAsync(IReadOnlyList<ContactStatus> statuses, CancellationToken cancellationToken) =>
        WriteAsync(
            statuses.Select(s => (s.IdempotencyKey, SalesforceTaskRecords.Status(s, options.FieldMapping))).ToList(),
            (request, ct) => api.UpdateAsync(options.ApiVersion, request, ct),
            cancellationToken);

    /// <summary>Sets the Lead's or Contact's email opt-out field (HasOptedOutOfEmail) to true; setting it again changes nothing.</summary>
    public Task<IReadOnlyList<CrmWriteResult>> WriteEmailOptOutsAsync(IReadOnlyList<EmailOptOut> optOuts, CancellationToken cancellationToken) =>
        WriteAsync(
            optOuts.Select(o => (o.IdempotencyKey, SalesforceTaskRecords.OptedOut(o, options.FieldMapping))).ToList(),
            (request, ct) => api.UpdateAsync(options.ApiVersion, request, ct),
            cancellationToken);

    /// <summary>
    /// Sets each task's Status to Completed by record id (the org then marks it IsClosed); doing it again changes
    /// nothing. A task a rep deleted has nothing left to close.
    /// </summary>
    public async Task<IReadOnlyList<CrmWriteResult>> CloseTasksAsync(IReadOnlyList<TaskClosure> closures, CancellationToken cancellationToken)
    {
        var results = await WriteAsync(
            closures.Select(c => (c.IdempotencyKey, SalesforceTaskRecords.Closed(c))).ToList(),
            (request, ct) => api.UpdateAsync(options.ApiVersion, request, ct),
            cancellationToken).ConfigureAwait(false);
        return [.. results.Select((r, i) => r.Error is { Code: EntityIsDeleted } ? new CrmWriteResult(r.IdempotencyKey, closures[i].TaskCrmId, null) : r)];
    }

    private async Task<IReadOnlyList<CrmWriteResult>> WriteAsync(
        List<(string Key, JsonObject Record)> records,
        Func<SalesforceCollectionRequest, CancellationToken, Task<IReadOnlyList<SalesforceSaveResult>>> send,
        CancellationToken cancellationToken)
    {
        var results = new List<CrmWriteResult>(records.Count);
        foreach (var chunk in records.Chunk(MaxRecordsPerCall))
        {
            var outcomes = await SendAsync(chunk.Select(c => c.Record).ToList(), send, cancellationToken).ConfigureAwait(false);

            // Fields Salesforce accepts on create only (TaskSubtype) refuse an upsert that lands on an existing
            // record, which is exactly what a retried write does: send those records again without them.
            var refused = Enumerable.Range(0, chunk.Length).Where(i => CreateOnlyFieldsRefused(outcomes[i]).Count > 0).ToList();
            if (refused.Count > 0)
            {
                var again = await SendAsync(
                    refused.Select(i => WithoutFields(chunk[i].Record, CreateOnlyFieldsRefused(outcomes[i]))).ToList(), send, cancellationToken).ConfigureAwait(false);
                for (var k = 0; k < refused.Count; k++)
                {
                    outcomes[refused[k]] = again[k];
                }
            }

            results.AddRange(chunk.Select((c, i) => ToResult(c.Key, outcomes[i])));
        }

        return results;
    }

    /// <summary>One outcome per record: Salesforce's save result, or the error that refused the whole call.</summary>
    private async Task<(SalesforceSaveResult? Saved, CrmWriteError? CallError)[]> SendAsync(
        List<JsonObject> records,
        Func<SalesforceCollectionRequest, CancellationToken, Task<IReadOnlyList<SalesforceSaveResult>>> send,
        CancellationToken cancellationToken)
    {
        try
        {
            var saved = await send(new SalesforceCollectionRequest(false, records), cancellationToken).ConfigureAwait(false);
            if (saved.Count == records.Count)
            {
                return saved.Select(s => ((SalesforceSaveResult?)s, (CrmWriteError?)null)).ToArray();
            }

            var mismatch = new CrmWriteError(false, "RESULT_COUNT_MISMATCH", $"Salesforce returned {saved.Count} results for {records.Count} records");
            return records.Select(_ => ((SalesforceSaveResult?)null, (CrmWriteError?)mismatch)).ToArray();
        }
        catch (ApiException ex) when (!SalesforceResiliencePipeline.IsTransientStatus(ex.StatusCode))
        {
            // The whole call was refused (malformed body, unknown field): every record shares the outcome. A server error,
            // timeout or 429 that outlasted the retries is the connection's trouble and goes up to the caller, which
            // backs the records off; a row lock is retried later like a record's own lock.
            var errors = SalesforceErrors.Parse(ex.Content);
            var permanent = ex.StatusCode is >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError
                && !errors.Any(e => TransientRecordErrors.Contains(e.Code));
            LogCallRefused(connection, (int)ex.StatusCode, records.Count, SalesforceErrors.Describe(errors));
            var error = new CrmWriteError(permanent, SalesforceErrors.FirstCode(errors, $"HTTP_{(int)ex.StatusCode}"), SalesforceErrors.Describe(errors));
            return records.Select(_ => ((SalesforceSaveResult?)null, (CrmWriteError?)error)).ToArray();
        }
    }

    private static List<string> CreateOnlyFieldsRefused((SalesforceSaveResult? Saved, CrmWriteError? CallError) outcome) =>
        outcome.Saved is { Success: false, Errors: { } errors }
            ? errors.Where(e => e.Code == SalesforceErrors.InvalidFieldForInsertUpdate)
                .SelectMany(e => e.Fields ?? [])
                .Where(CreateOnlyFields.Contains)
                .ToList()
            : [];

    private static JsonObject WithoutFields(JsonObject record, List<string> fields)
    {
        var copy = (JsonObject)record.DeepClone();
        fields.ForEach(f => copy.Remove(f));
        return copy;
    }

    private CrmWriteResult ToResult(string key, (SalesforceSaveResult? Saved, CrmWriteError? CallError) outcome)
    {
        if (outcome.Saved is not { } result)
        {
            return new CrmWriteResult(key, null, outcome.CallError);
        }

        if (result.Success)
        {
            return new CrmWriteResult(key, result.Id, null);
        }

        var errors = result.Errors ?? [];
        var message = SalesforceErrors.Describe(errors);
        LogRecordRejected(connection, key, message);
        var code = SalesforceErrors.FirstCode(errors, "UNKNOWN_ERROR");
        return new CrmWriteResult(key, result.Id, new CrmWriteError(!TransientRecordErrors.Contains(code), code, message));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Salesforce connection '{Connection}' refused record {IdempotencyKey}: {Errors}")]
    private partial void LogRecordRejected(string connection, string idempotencyKey, string errors);

    [LoggerMessage(Level = LogLevel.Error, Message = "Salesforce connection '{Connection}' refused a collection call ({Status}) of {Count} records: {Errors}")]
    private partial void LogCallRefused(string connection, int status, int count, string errors);
}
