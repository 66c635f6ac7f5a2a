using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.HubSpotApp;

/// <summary>Dead letters of workflow callbacks (<c>hubspot-callback:{id}</c>): an admin's retry puts the completion back in the queue with fresh attempts.</summary>
internal static class CallbackDeadLetters
{
    public const string WriteType = "WorkflowCallback";
    public const string KeyPrefix = "hubspot-callback:";

    public static string Key(string callbackId) => KeyPrefix + callbackId;

    /// <returns>False when the letter is not a workflow callback's (the caller handles it as an outbox write).</returns>
    public static async Task<bool> RequeueAsync(CadenceDbContext db, DeadLetterEntity letter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (letter.WriteType != WriteType || !letter.IdempotencyKey.StartsWith(KeyPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var callbackId = letter.IdempotencyKey[KeyPrefix.Length..];
        var row = await db.WorkflowCallbacks.SingleOrDefaultAsync(c => c.CallbackId == callbackId, cancellationToken);
        if (row is { State: WorkflowCallbackStates.DeadLetter })
        {
            row.State = WorkflowCallbackStates.Pending;
            row.Attempts = 0;
            row.NextAttemptAt = now;
        }

        return true;
    }
}
