using System.Net;
using System.Text.Json.Nodes;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Salesforce.Api;
using CrmCadenceSync.Salesforce.Configuration;
using CrmCadenceSync.Salesforce.Errors;
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

    private async Task<IReadOnlyList<CrmWriteResult>> WriteAsync(
        List<(string Key, JsonObject Record)> records,
        Func<SalesforceCollectionRequest, CancellationToken, Task<IReadOnlyList<SalesforceSaveResult>>> send,
        CancellationToken cancellationToken)
    {
        var results = new List<CrmWriteResult>(records.Count);
        foreach (var chunk in records.Chunk(MaxRecordsPerCall))
        {
            results.AddRange(await WriteChunkAsync(chunk, send, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private async Task<IEnumerable<CrmWriteResult>> WriteChunkAsync(
        (string Key, JsonObject Record)[] chunk,
        Func<SalesforceCollectionRequest, CancellationToken, Task<IReadOnlyList<SalesforceSaveResult>>> send,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<SalesforceSaveResult> saved;
        try
        {
            saved = await send(new SalesforceCollectionRequest(false, chunk.Select(c => c.Record).ToList()), cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException ex)
        {
            // The whole call was refused (malformed body, unknown field, server error): every record shares the outcome.
            var errors = SalesforceErrors.Parse(ex.Content);
            var permanent = ex.StatusCode is >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError;
            LogCallRefused(connection, (int)ex.StatusCode, chunk.Length, SalesforceErrors.Describe(errors));
            var error = new CrmWriteError(permanent, SalesforceErrors.FirstCode(errors, $"HTTP_{(int)ex.StatusCode}"), SalesforceErrors.Describe(errors));
            return chunk.Select(c => new CrmWriteResult(c.Key, null, error));
        }

        if (saved.Count != chunk.Length)
        {
            var error = new CrmWriteError(false, "RESULT_COUNT_MISMATCH", $"Salesforce returned {saved.Count} results for {chunk.Length} records");
            return chunk.Select(c => new CrmWriteResult(c.Key, null, error));
        }

        return chunk.Zip(saved, (c, result) => ToResult(c.Key, result));
    }

    private CrmWriteResult ToResult(string key, SalesforceSaveResult result)
    {
        if (result.Success)
        {
            return new CrmWriteResult(key, result.Id, null);
        }

        var errors = result.Errors ?? [];
        var message = SalesforceErrors.Describe(errors);
        LogRecordRejected(connection, key, message);
        return new CrmWriteResult(key, result.Id, new CrmWriteError(true, SalesforceErrors.FirstCode(errors, "UNKNOWN_ERROR"), message));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Salesforce connection '{Connection}' refused record {IdempotencyKey}: {Errors}")]
    private partial void LogRecordRejected(string connection, string idempotencyKey, string errors);

    [LoggerMessage(Level = LogLevel.Error, Message = "Salesforce connection '{Connection}' refused a collection call ({Status}) of {Count} records: {Errors}")]
    private partial void LogCallRefused(string connection, int status, int count, string errors);
}
