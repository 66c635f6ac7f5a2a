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
/// unknown (lost answer, timeout, 5xx, an earlier attempt before a crash) or HubSpot reports a sync-key conflict, the
/// keys are looked up before anything is created again, so a retried batch never duplicates a record, whether or not
/// the portal enforces the sync key's uniqueness: by the unique property where the portal allows it, else by search,
/// and a key that search cannot see yet waits out the index lag instead of being created again.
/// </summary>
internal sealed partial class ActivityWriter(
    string connection,
    IHubSpotCrmApi api,
    Func<HubSpotConnectionOptions> options,
    TimeProvider time,
    ILogger logger)
{
    private const int MaxAttempts = 4;
    private const int SearchValuesPerFilter = 100;
    private const int SearchPageSize = 200;

    /// <summary>Set once the portal refused the sync key as an idProperty: it is not unique there.</summary>
    private volatile bool searchOnly;

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

        // Keys to look up before the next create, with when they may have been sent: first those sent before.
        var lookUp = chunk.Where(a => a.AttemptedAt is not null).ToDictionary(a => a.IdempotencyKey, a => a.AttemptedAt!.Value, StringComparer.Ordinal);
        var sentAt = time.GetUtcNow();
        string? lastProblem = null;
        for (var attempt = 1; attempt <= MaxAttempts && pending.Count > 0; attempt++)
        {
            if (lookUp.Count > 0)
            {
                await LookUpAsync(objectType, pending, lookUp, done, cancellationToken).ConfigureAwait(false);
                lookUp.Clear();
                if (pending.Count == 0)
                {
                    break;
                }
            }

            IApiResponse<BatchResponse> response;
            sentAt = time.GetUtcNow();
            try
            {
                BatchCreateRequest request = new([.. pending.Values.Select(ActivityInputs.Create)]);
                response = await api.BatchCreateAsync(options().ApiVersion, objectType, request, cancellationToken).Received().ConfigureAwait(false);
            }
            catch (Exception ex) when (IsOutcomeUnknown(ex, cancellationToken))
            {
                LogOutcomeUnknown(connection, objectType, pending.Count, ex.GetType().Name);
                lastProblem = ex.Message;
                LookUpAll(pending, lookUp, sentAt);
                await Task.Delay(Backoff(attempt), time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                if (response is { IsSuccessStatusCode: true, Content: { } batch })
                {
                    if (Accept(batch, pending, done))
                    {
                        LookUpAll(pending, lookUp, sentAt);
                    }

                    continue;
                }

                var error = HubSpotErrors.Parse(response.ErrorBody());
                lastProblem = error?.Message ?? $"HTTP {(int)response.Status()}";
                var status = (int)response.Status();
                if (response.Status() == HttpStatusCode.Conflict || error?.Category == HubSpotErrors.Conflict)
                {
                    LookUpAll(pending, lookUp, sentAt);
                    continue;
                }

                if (response.Status() == HttpStatusCode.TooManyRequests)
                {
                    break;
                }

                if (status is >= 400 and < 500 and not 408 and not 423)
                {
                    var conflicted = HubSpotErrors.ByInput(error?.Errors, HubSpotErrors.ObjectWriteTraceId)
                        .Any(e => e.Detail.Category == HubSpotErrors.Conflict);
                    if (!RejectInputs(error, pending, done))
                    {
                        break;
                    }

                    if (conflicted)
                    {
                        LookUpAll(pending, lookUp, sentAt);
                    }

                    continue;
                }

                LookUpAll(pending, lookUp, sentAt);
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

    private static void LookUpAll(Dictionary<string, CrmActivity> pending, Dictionary<string, DateTimeOffset> lookUp, DateTimeOffset sentAt)
    {
        foreach (var key in pending.Keys)
        {
            lookUp.TryAdd(key, sentAt);
        }
    }

    /// <summary>
    /// Finds the records that already exist under their sync keys. A key that search cannot see and that was sent less
    /// than <see cref="HubSpotConnectionOptions.SearchIndexLag"/> ago may still be on its way into the index: it waits
    /// (a result with <see cref="CrmWriteError.RetryAt"/>) rather than being created a second time.
    /// </summary>
    private async Task LookUpAsync(
        string objectType,
        Dictionary<string, CrmActivity> pending,
        Dictionary<string, DateTimeOffset> since,
        Dictionary<string, CrmWriteResult> done,
        CancellationToken cancellationToken)
    {
        var keys = since.Keys.Where(pending.ContainsKey).ToList();
        if (keys.Count == 0)
        {
            return;
        }

        IReadOnlyList<HubSpotObject>? found = null;
        if (!searchOnly)
        {
            try
            {
                BatchReadRequest request = new([.. keys.Select(k => new ObjectIdInput(k))], [HubSpotCustomProperties.SyncKey], HubSpotCustomProperties.SyncKey);
                found = (await api.BatchReadAsync(options().ApiVersion, objectType, request, false, cancellationToken).Unwrapped().ConfigureAwait(false)).Results;
            }
            catch (ApiException e) when (e.StatusCode == HttpStatusCode.BadRequest)
            {
                // The portal does not treat the sync key as a unique identifier on this object: search is the only look-up.
                searchOnly = true;
                LogSearchOnly(connection, objectType, e.Message);
            }
        }

        var indexed = found is null;
        found ??= await SearchAsync(objectType, keys, cancellationToken).ConfigureAwait(false);
        var existed = 0;
        foreach (var record in found.OrderBy(r => long.TryParse(r.Id, out var id) ? id : long.MaxValue))
        {
            if (record.Properties.TryGetValue(HubSpotCustomProperties.SyncKey, out var key) && key is not null && pending.Remove(key))
            {
                done[key] = new CrmWriteResult(key, record.Id, null);
                existed++;
            }
        }

        var now = time.GetUtcNow();
        var lag = options().SearchIndexLag;
        var waiting = 0;
        foreach (var key in keys.Where(k => indexed && pending.ContainsKey(k) && now - since[k] < lag))
        {
            pending.Remove(key);
            var retryAt = since[key] + lag;
            done[key] = new CrmWriteResult(key, null, new CrmWriteError(
                false, "AWAITING_SEARCH_INDEX", $"Sent at {since[key]:u} with an unknown outcome and not yet searchable; looked up again at {retryAt:u} before anything is created.", retryAt));
            waiting++;
        }

        LogLookedUp(connection, objectType, existed, waiting, pending.Count);
    }

    /// <summary>The records holding any of the keys, by search (paged: a portal that does not enforce uniqueness may hold several).</summary>
    private async Task<List<HubSpotObject>> SearchAsync(string objectType, List<string> keys, CancellationToken cancellationToken)
    {
        var results = new List<HubSpotObject>();
        foreach (var chunk in keys.Chunk(SearchValuesPerFilter))
        {
            string? after = null;
            do
            {
                // HubSpot wants IN values in lower case; sync keys are.
                SearchRequest request = new(
                    [new SearchFilterGroup([new SearchFilter(HubSpotCustomProperties.SyncKey, "IN", Values: [.. chunk.Select(k => k.ToLowerInvariant())])])],
                    [],
                    [HubSpotCustomProperties.SyncKey],
                    SearchPageSize,
                    after);
                var page = await api.SearchAsync(options().ApiVersion, objectType, request, cancellationToken).Unwrapped().ConfigureAwait(false);
                results.AddRange(page.Results);
                after = page.Paging?.Next?.After;
            }
            while (after is not null);
        }

        return results;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {Connection}: the portal does not accept the sync key as a unique id of {ObjectType} ({Reason}); records are looked up by search, allowing for its index lag")]
    private partial void LogSearchOnly(string connection, string objectType, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {Connection}: {Found} {ObjectType} already existed under their sync keys, {Waiting} wait for the search index; {Remaining} still to create")]
    private partial void LogLookedUp(string connection, string objectType, int found, int waiting, int remaining);
}
