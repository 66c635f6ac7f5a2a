namespace CrmCadenceSync.Core.Crm;

/// <summary>
/// A refusal by the CRM. Permanent errors (validation) are dead-lettered with the CRM's message and never retried;
/// transient ones are retried with backoff.
/// </summary>
/// <param name="RetryAt">
/// Set when the record is not refused but cannot be sent yet (its earlier attempt is not yet visible to a look-up):
/// it waits until then without counting as a failed attempt.
/// </param>
public sealed record CrmWriteError(bool IsPermanent, string Code, string Message, DateTimeOffset? RetryAt = null);
