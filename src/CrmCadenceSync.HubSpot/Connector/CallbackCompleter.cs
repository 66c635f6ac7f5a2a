using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.HubSpot.Api;
using CrmCadenceSync.HubSpot.Api.Dtos;
using CrmCadenceSync.HubSpot.Options;

namespace CrmCadenceSync.HubSpot.Connector;

/// <summary>
/// Completes workflow callbacks through the callbacks API in batches, over the connection's client (rate budget, token,
/// resilience). The batch call succeeds or fails as a whole; when HubSpot refuses a batch of several for good, each is
/// completed on its own, so one callback HubSpot no longer knows does not take the others down with it.
/// </summary>
public sealed class CallbackCompleter(IHubSpotCrmApi api, Func<HubSpotConnectionOptions> options)
{
    public const int MaxBatch = 100;

    public async Task<IReadOnlyList<CrmWriteResult>> CompleteAsync(IReadOnlyList<CallbackCompletion> completions, CancellationToken cancellationToken)
    {
        var results = new List<CrmWriteResult>(completions.Count);
        foreach (var chunk in completions.Chunk(MaxBatch))
        {
            var failure = await CallAsync(() => api.CompleteCallbacksAsync(options().ApiVersion, new CallbackCompletionBatch(chunk), cancellationToken)).ConfigureAwait(false);
            if (failure is { IsPermanent: true } && chunk.Length > 1)
            {
                foreach (var completion in chunk)
                {
                    var own = await CallAsync(() => api.CompleteCallbackAsync(options().ApiVersion, completion.CallbackId, new CallbackOutputs(completion.OutputFields), cancellationToken))
                        .ConfigureAwait(false);
                    results.Add(new CrmWriteResult(completion.CallbackId, own is null ? completion.CallbackId : null, own));
                }

                continue;
            }

            results.AddRange(chunk.Select(c => new CrmWriteResult(c.CallbackId, failure is null ? c.CallbackId : null, failure)));
        }

        return results;
    }

    private static async Task<CrmWriteError?> CallAsync(Func<Task<Refit.IApiResponse>> call)
    {
        try
        {
            using var response = await call().ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : Failure(response);
        }
        catch (HttpRequestException e)
        {
            return new CrmWriteError(false, "UNREACHABLE", $"HubSpot could not be reached: {e.Message}");
        }
    }

    private static CrmWriteError Failure(Refit.IApiResponse response)
    {
        var error = HubSpotErrors.Parse(response.ErrorBody());
        var status = (int)response.Status();
        var permanent = status is >= 400 and < 500 and not 408 and not 423 and not 429;
        return new CrmWriteError(permanent, error?.Category ?? $"HTTP_{status}", error?.Message ?? $"HubSpot answered {status}.");
    }
}
