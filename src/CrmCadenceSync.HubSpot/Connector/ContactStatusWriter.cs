using System.Globalization;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.HubSpot.Api;
using CrmCadenceSync.HubSpot.Api.Dtos;
using CrmCadenceSync.HubSpot.Options;
using CrmCadenceSync.HubSpot.Setup;

namespace CrmCadenceSync.HubSpot.Connector;

/// <summary>Writes the ccs_* status properties with batch updates (idempotent, so the pipeline may retry them).</summary>
internal sealed class ContactStatusWriter(IHubSpotCrmApi api, Func<HubSpotConnectionOptions> options)
{
    public async Task<IReadOnlyList<CrmWriteResult>> WriteAsync(IReadOnlyList<ContactStatus> statuses, CancellationToken cancellationToken)
    {
        // HubSpot refuses a batch naming one record twice: the last status per contact wins.
        var latest = statuses
            .GroupBy(s => s.ContactCrmId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var byContact = new Dictionary<string, CrmWriteResult>(StringComparer.Ordinal);
        foreach (var chunk in latest.Values.Chunk(options().MaxBatchSize))
        {
            await WriteChunkAsync(chunk, byContact, cancellationToken).ConfigureAwait(false);
        }

        return [.. statuses.Select(s => byContact[s.ContactCrmId] with { IdempotencyKey = s.IdempotencyKey })];
    }

    private async Task WriteChunkAsync(IReadOnlyList<ContactStatus> chunk, Dictionary<string, CrmWriteResult> byContact, CancellationToken cancellationToken)
    {
        var pending = chunk.ToDictionary(s => s.IdempotencyKey, StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            BatchUpdateRequest request = new([.. pending.Values.Select(Input)]);
            using var response = await api.BatchUpdateAsync(options().ApiVersion, HubSpotObjectTypes.Contacts, request, cancellationToken).Received()
                .ConfigureAwait(false);
            if (response is { IsSuccessStatusCode: true, Content: { } batch })
            {
                foreach (var updated in batch.Results)
                {
                    foreach (var status in pending.Values.Where(s => s.ContactCrmId == updated.Id).ToList())
                    {
                        pending.Remove(status.IdempotencyKey);
                        byContact[status.ContactCrmId] = new CrmWriteResult(status.IdempotencyKey, updated.Id, null);
                    }
                }

                foreach (var (key, detail) in HubSpotErrors.ByInput(batch.Errors, HubSpotErrors.ObjectWriteTraceId))
                {
                    if (pending.Remove(key, out var status))
                    {
                        byContact[status.ContactCrmId] = new CrmWriteResult(key, null, HubSpotErrors.ToWriteError(detail));
                    }
                }

                FailRemaining(pending, byContact, new CrmWriteError(false, "UNRESOLVED", "HubSpot did not confirm the update."));
                return;
            }

            var error = HubSpotErrors.Parse(response.ErrorBody());
            var named = HubSpotErrors.ByInput(error?.Errors, HubSpotErrors.ObjectWriteTraceId).Where(e => pending.ContainsKey(e.TraceId)).ToList();
            var permanent = (int)response.Status() is >= 400 and < 500 and not 408 and not 423 and not 429;
            if (!permanent || named.Count == 0)
            {
                var message = error?.Message ?? $"HubSpot answered {(int)response.Status()}.";
                FailRemaining(pending, byContact, new CrmWriteError(permanent, error?.Category ?? $"HTTP_{(int)response.Status()}", message));
                return;
            }

            foreach (var (key, detail) in named)
            {
                pending.Remove(key, out var status);
                byContact[status!.ContactCrmId] = new CrmWriteResult(key, null, HubSpotErrors.ToWriteError(detail) with { IsPermanent = true });
            }
        }
    }

    private static void FailRemaining(Dictionary<string, ContactStatus> pending, Dictionary<string, CrmWriteResult> byContact, CrmWriteError error)
    {
        foreach (var status in pending.Values)
        {
            byContact[status.ContactCrmId] = new CrmWriteResult(status.IdempotencyKey, null, error);
        }

        pending.Clear();
    }

    private static UpdateInput Input(ContactStatus status) => new(
        status.ContactCrmId,
        new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [HubSpotCustomProperties.Segment] = status.Segment ?? "",
            [HubSpotCustomProperties.Cadence] = status.Cadence ?? "",
            [HubSpotCustomProperties.CadenceStatus] = status.CadenceStatus,
            [HubSpotCustomProperties.NextTouchAt] = status.NextTouchAt?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? "",
            [HubSpotCustomProperties.CadenceStep] = status.CadenceStep ?? "",
        },
        status.IdempotencyKey);
}
