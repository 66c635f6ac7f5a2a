using System.Net;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.HubSpot.Api;
using CrmCadenceSync.HubSpot.Api.Dtos;
using CrmCadenceSync.HubSpot.Options;
using CrmCadenceSync.HubSpot.Setup;
using Microsoft.Extensions.Logging;
using Polly.Timeout;
using Refit;

namespace CrmCadenceSync.HubSpot.Connector;

/// <summary>
/// Creates tasks, logged emails and notes in batches of at most <c>MaxBatchSize</c>. When a create's outcome is
/// unknown (lost answer, timeout, 5xx) or HubSpot reports a sync-key conflict, the keys are looked up before anything
/// is created again, so a retried batch never duplicates a record.
/// </summary>
internal sealed partial class ActivityWriter(
    string connection,
    IHubSpotCrmApi api,
    Func<HubSpotConnectionOptions> options,
    TimeProvider time,
    ILogger logger)
{
    private const int MaxAttempts = 4;

    public async Task<IReadOnlyList<CrmWriteResult>> WriteAsync(IReadOnlyList<CrmActivity> activities, CancellationToken cancellationToken)
    {
        var byKey = new Dictionary<string, CrmWriteResult>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = activities
            .Where(a => !string.IsNullOrWhiteSpace(a.IdempotencyKey) && !string.IsNullOrWhiteSpace(a.ContactCrmId))
            .Where(a => seen.Add(a.IdempotencyKey))
            .ToList();

        var batchSize = options().MaxBatchSize;
        foreach (var kind in unique.GroupBy(a => a.Kind))
        {
            foreach (var chunk in kind.Chunk(batchSize))
            {
                foreach (var (key, result) in await WriteChunkAsync(kind.Key, chunk, cancellationToken).ConfigureAwait(false))
                {
                    byKey[key] = result;
                }
            }
        }

        return [.. activities.Select(a => byKey.TryGetValue(a.IdempotencyKey ?? "", out var result) ? result : Invalid(a))];
    }

    private async Task<Dictionary<string, CrmWriteResult>> WriteChunkAsync(
        CrmActivityKind kind,
        IReadOnlyList<CrmActivity> chunk,
        CancellationToken cancellationToken)
    {
        var objectType = ActivityInputs.ObjectType(kind);
        var done = new Dictionary<string, CrmWriteResult>(StringComparer.Ordinal);
        var pending = chunk.ToDictionary(a => a.IdempotencyKey, StringComparer.Ordinal);
        var lookUpFirst = false;
        string? lastProblem = null;
        for (var attempt = 1; attempt <= MaxAttempts && pending.Count > 0; attempt++)
        {
            if (lookUpFirst)
            {
                await LookUpAsync(objectType, pending, done, cancellationToken).ConfigureAwait(false);
                if (pending.Count == 0)
                {
                    break;
                }
            }

            IApiResponse<BatchResponse> response;
            try
            {
                BatchCreateRequest request = new([.. pending.Values.Select(ActivityInputs.Create)]);
                response = await api.BatchCreateAsync(options().ApiVersion, objectType, request, cancellationToken).Received().ConfigureAwait(false);
            }
            catch (Exception ex) when (IsOutcomeUnknown(ex, cancellationToken))
            {
                LogOutcomeUnknown(connection, objectType, pending.Count, ex.GetType().Name);
                lastProblem = ex.Message;
                lookUpFirst = true;
                await Task.Delay(Backoff(attempt), time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                if (response is { IsSuccessStatusCode: true, Content: { } batch })
                {
                    lookUpFirst = Accept(batch, pending, done);
                    continue;
                }

                var error = HubSpotErrors.Parse(response.ErrorBody());
                lastProblem = error?.Message ?? $"HTTP {(int)response.Status()}";
                var status = (int)response.Status();
                if (response.Status() == HttpStatusCode.Conflict || error?.Category == HubSpotErrors.Conflict)
                {
                    lookUpFirst = true;
                    continue;
                }

                if (response.Status() == HttpStatusCode.TooManyRequests)
                {
                    break;
                }

                if (status is >= 400 and < 500 and not 408 and not 423)
                {
                    lookUpFirst = HubSpotErrors.ByInput(error?.Errors, HubSpotErrors.ObjectWriteTraceId)
                        .Any(e => e.Detail.Category == HubSpotErrors.Conflict);
                    if (!RejectInputs(error, pending, done))
                    {
                        break;
                    }

                    continue;
                }

                lookUpFirst = true;
                await Task.Delay(Backoff(attempt), time, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var key in pending.Keys)
        {
            done[key] = new CrmWriteResult(key, null, new CrmWriteError(false, "UNRESOLVED", lastProblem ?? "HubSpot did not confirm the record."));
        }

        return done;
    }

    /// <summary>Takes a 201/207 answer; returns true when some input is unaccounted for and must be looked up.</summary>
    private static bool Accept(BatchResponse batch, Dictionary<string, CrmActivity> pending, Dictionary<string, CrmWriteResult> done)
    {
        foreach (var created in batch.Results)
        {
            if (created.Properties.TryGetValue(HubSpotCustomProperties.SyncKey, out var key) && key is not null && pending.Remove(key))
            {
                done[key] = new CrmWriteResult(key, created.Id, null);
            }
        }

        var conflict = false;
        foreach (var (key, detail) in HubSpotErrors.ByInput(batch.Errors, HubSpotErrors.ObjectWriteTraceId))
        {
            if (detail.Category == HubSpotErrors.Conflict)
            {
                conflict = true;
            }
            else if (pending.Remove(key))
            {
                done[key] = new CrmWriteResult(key, null, HubSpotErrors.ToWriteError(detail));
            }
        }

        return conflict || pending.Count > 0;
    }

    /// <summary>
    /// A refused batch stores nothing: the inputs HubSpot names as invalid are dead-lettered, conflicting ones are
    /// looked up, the rest go again. With no input named, the whole batch is dead-lettered with HubSpot's message.
    /// </summary>
    private static bool RejectInputs(HubSpotError? error, Dictionary<string, CrmActivity> pending, Dictionary<string, CrmWriteResult> done)
    {
        var named = HubSpotErrors.ByInput(error?.Errors, HubSpotErrors.ObjectWriteTraceId)
            .Where(e => pending.ContainsKey(e.TraceId))
            .ToList();
        if (named.Count == 0)
        {
            var detail = new HubSpotErrorDetail("error", error?.Category ?? HubSpotErrors.ValidationError, error?.Message ?? "HubSpot refused the batch.");
            foreach (var key in pending.Keys)
            {
                done[key] = new CrmWriteResult(key, null, HubSpotErrors.ToWriteError(detail) with { IsPermanent = true });
            }

            pending.Clear();
            return false;
        }

        foreach (var (key, detail) in named.Where(e => e.Detail.Category != HubSpotErrors.Conflict))
        {
            pending.Remove(key);
            done[key] = new CrmWriteResult(key, null, HubSpotErrors.ToWriteError(detail) with { IsPermanent = true });
        }

        return true;
    }

    private async Task LookUpAsync(
        string objectType,
        Dictionary<string, CrmActivity> pending,
        Dictionary<string, CrmWriteResult> done,
        CancellationToken cancellationToken)
    {
        BatchReadRequest request = new(
            [.. pending.Keys.Select(k => new ObjectIdInput(k))],
            [HubSpotCustomProperties.SyncKey],
            HubSpotCustomProperties.SyncKey);
        var found = await api.BatchReadAsync(options().ApiVersion, objectType, request, false, cancellationToken).Unwrapped().ConfigureAwait(false);
        foreach (var record in found.Results)
        {
            if (record.Properties.TryGetValue(HubSpotCustomProperties.SyncKey, out var key) && key is not null && pending.Remove(key))
            {
                done[key] = new CrmWriteResult(key, record.Id, null);
            }
        }

        LogLookedUp(connection, objectType, found.Results.Count, pending.Count);
    }

    private static bool IsOutcomeUnknown(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or TimeoutRejectedException
        || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(500 * Math.Pow(2, attempt - 1));

    private static CrmWriteResult Invalid(CrmActivity activity) =>
        new(activity.IdempotencyKey ?? "", null, new CrmWriteError(
            true,
            "INVALID_INPUT",
            string.IsNullOrWhiteSpace(activity.IdempotencyKey)
                ? $"Activity for contact '{activity.ContactCrmId}' has no idempotency key."
                : $"Activity '{activity.IdempotencyKey}' has no contact id."));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {Connection}: outcome of a {ObjectType} create of {Count} records is unknown ({Problem}); looking the keys up before creating again")]
    private partial void LogOutcomeUnknown(string connection, string objectType, int count, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {Connection}: {Found} {ObjectType} already existed under their sync keys; {Remaining} still to create")]
    private partial void LogLookedUp(string connection, string objectType, int found, int remaining);
}
