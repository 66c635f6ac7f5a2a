using System.Net;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.HubSpot.Api;
using CrmCadenceSync.HubSpot.Api.Dtos;
using CrmCadenceSync.HubSpot.Options;
using Microsoft.Extensions.Logging;

namespace CrmCadenceSync.HubSpot.Connector;

/// <summary>
/// Records unsubscribes: each address is unsubscribed from all email through the communication preferences API (which
/// also sets HubSpot's own opt-out); where that API is switched off or refused (no scope, no subscription), the mapped
/// opt-out property is set with a batch update instead. Both are idempotent.
/// </summary>
internal sealed partial class EmailOptOutWriter(string connection, IHubSpotCrmApi api, Func<HubSpotConnectionOptions> options, ILogger logger)
{
    public const string Channel = "EMAIL";

    public async Task<IReadOnlyList<CrmWriteResult>> WriteAsync(IReadOnlyList<EmailOptOut> optOuts, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, CrmWriteResult>(StringComparer.Ordinal);
        var byProperty = new List<EmailOptOut>();
        foreach (var optOut in optOuts)
        {
            if (!options().UseCommunicationPreferences || string.IsNullOrWhiteSpace(optOut.Email))
            {
                // Subscription status is kept per address: a contact without one can only carry the property.
                byProperty.Add(optOut);
                continue;
            }

            using var response = await api.UnsubscribeAllAsync(options().ApiVersion, optOut.Email, Channel, cancellationToken).Received().ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                results[optOut.IdempotencyKey] = new CrmWriteResult(optOut.IdempotencyKey, optOut.ContactCrmId, null);
                continue;
            }

            var error = HubSpotErrors.Parse(response.ErrorBody());
            if (response.Status() == HttpStatusCode.Forbidden)
            {
                LogRefused(connection, error?.Message ?? "403");
                byProperty.Add(optOut);
                continue;
            }

            var status = (int)response.Status();
            var permanent = status is >= 400 and < 500 and not 408 and not 423 and not 429;
            results[optOut.IdempotencyKey] = new CrmWriteResult(
                optOut.IdempotencyKey, null, new CrmWriteError(permanent, error?.Category ?? $"HTTP_{status}", error?.Message ?? $"HubSpot answered {status}."));
        }

        foreach (var chunk in byProperty.Chunk(options().MaxBatchSize))
        {
            await SetPropertyAsync(chunk, results, cancellationToken).ConfigureAwait(false);
        }

        return [.. optOuts.Select(o => results[o.IdempotencyKey])];
    }

    private async Task SetPropertyAsync(IReadOnlyList<EmailOptOut> chunk, Dictionary<string, CrmWriteResult> results, CancellationToken cancellationToken)
    {
        // One input per contact: HubSpot refuses a batch naming a record twice.
        var inputs = chunk.GroupBy(o => o.ContactCrmId, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var property = options().FieldMapping.EmailOptOut;
        BatchUpdateRequest request = new([.. inputs.Select(o => new UpdateInput(o.ContactCrmId, new Dictionary<string, string?> { [property] = "true" }, o.IdempotencyKey))]);
        using var response = await api.BatchUpdateAsync(options().ApiVersion, HubSpotObjectTypes.Contacts, request, cancellationToken).Received().ConfigureAwait(false);
        var byContact = new Dictionary<string, CrmWriteResult>(StringComparer.Ordinal);
        if (response is { IsSuccessStatusCode: true, Content: { } batch })
        {
            foreach (var updated in batch.Results)
            {
                byContact[updated.Id] = new CrmWriteResult("", updated.Id, null);
            }

            foreach (var (key, detail) in HubSpotErrors.ByInput(batch.Errors, HubSpotErrors.ObjectWriteTraceId))
            {
                if (inputs.FirstOrDefault(o => o.IdempotencyKey == key) is { } input)
                {
                    byContact[input.ContactCrmId] = new CrmWriteResult(key, null, HubSpotErrors.ToWriteError(detail));
                }
            }
        }
        else
        {
            var error = HubSpotErrors.Parse(response.ErrorBody());
            var status = (int)response.Status();
            var permanent = status is >= 400 and < 500 and not 408 and not 423 and not 429;
            var failure = new CrmWriteError(permanent, error?.Category ?? $"HTTP_{status}", error?.Message ?? $"HubSpot answered {status}.");
            inputs.ForEach(o => byContact[o.ContactCrmId] = new CrmWriteResult(o.IdempotencyKey, null, failure));
        }

        foreach (var optOut in chunk)
        {
            results[optOut.IdempotencyKey] = byContact.TryGetValue(optOut.ContactCrmId, out var result)
                ? result with { IdempotencyKey = optOut.IdempotencyKey }
                : new CrmWriteResult(optOut.IdempotencyKey, null, new CrmWriteError(false, "UNRESOLVED", "HubSpot did not confirm the update."));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {Connection}: HubSpot refused the communication preferences API ({Reason}); the opt-out property is set instead")]
    private static partial void LogRefused(ILogger logger, string connection, string reason);

    private void LogRefused(string connection, string reason) => LogRefused(logger, connection, reason);
}
