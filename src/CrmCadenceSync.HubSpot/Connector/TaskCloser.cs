using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.HubSpot.Api;
using CrmCadenceSync.HubSpot.Api.Dtos;
using CrmCadenceSync.HubSpot.Options;

namespace CrmCadenceSync.HubSpot.Connector;

/// <summary>
/// Closes our tasks with batch updates of <c>hs_task_status</c> to COMPLETED. Setting it again changes nothing, so a
/// retried batch is harmless; a task the portal no longer has (a rep deleted it) has nothing left to close.
/// </summary>
internal sealed class TaskCloser(IHubSpotCrmApi api, Func<HubSpotConnectionOptions> options)
{
    private const string Completed = "COMPLETED";
    private const string NotFound = "OBJECT_NOT_FOUND";

    public async Task<IReadOnlyList<CrmWriteResult>> CloseAsync(IReadOnlyList<TaskClosure> closures, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, CrmWriteResult>(StringComparer.Ordinal);
        foreach (var chunk in closures.Chunk(options().MaxBatchSize))
        {
            await CloseChunkAsync(chunk, results, cancellationToken).ConfigureAwait(false);
        }

        return [.. closures.Select(c => results[c.IdempotencyKey])];
    }

    private async Task CloseChunkAsync(TaskClosure[] chunk, Dictionary<string, CrmWriteResult> results, CancellationToken cancellationToken)
    {
        var byKey = chunk.ToDictionary(c => c.IdempotencyKey, StringComparer.Ordinal);
        BatchUpdateRequest request = new([.. chunk.Select(c => new UpdateInput(
            c.TaskCrmId, new Dictionary<string, string?>(StringComparer.Ordinal) { ["hs_task_status"] = Completed }, c.IdempotencyKey))]);
        using var response = await api.BatchUpdateAsync(options().ApiVersion, HubSpotObjectTypes.Tasks, request, cancellationToken).Received().ConfigureAwait(false);
        IReadOnlyList<HubSpotErrorDetail>? errors;
        if (response is { IsSuccessStatusCode: true, Content: { } batch })
        {
            var byTask = chunk.ToLookup(c => c.TaskCrmId, StringComparer.Ordinal);
            foreach (var closed in batch.Results.SelectMany(r => byTask[r.Id]))
            {
                results[closed.IdempotencyKey] = new CrmWriteResult(closed.IdempotencyKey, closed.TaskCrmId, null);
            }

            errors = batch.Errors;
        }
        else
        {
            var error = HubSpotErrors.Parse(response.ErrorBody());
            errors = error?.Errors;
            var status = (int)response.Status();
            var whole = new CrmWriteError(
                status is >= 400 and < 500 and not 408 and not 423 and not 429, error?.Category ?? $"HTTP_{status}", error?.Message ?? $"HubSpot answered {status}.");
            foreach (var closure in chunk.Where(c => !Named(errors, c.IdempotencyKey)))
            {
                results[closure.IdempotencyKey] = new CrmWriteResult(closure.IdempotencyKey, null, whole);
            }
        }

        foreach (var (key, detail) in HubSpotErrors.ByInput(errors, HubSpotErrors.ObjectWriteTraceId))
        {
            if (byKey.TryGetValue(key, out var closure))
            {
                results[key] = detail.Category == NotFound
                    ? new CrmWriteResult(key, closure.TaskCrmId, null)
                    : new CrmWriteResult(key, null, HubSpotErrors.ToWriteError(detail));
            }
        }

        foreach (var closure in chunk.Where(c => !results.ContainsKey(c.IdempotencyKey)))
        {
            results[closure.IdempotencyKey] = new CrmWriteResult(closure.IdempotencyKey, null, new CrmWriteError(false, "UNRESOLVED", "HubSpot did not confirm the update."));
        }
    }

    private static bool Named(IReadOnlyList<HubSpotErrorDetail>? errors, string key) =>
        HubSpotErrors.ByInput(errors, HubSpotErrors.ObjectWriteTraceId).Any(e => e.TraceId == key);
}
