namespace CrmCadenceSync.Core.Crm;

/// <summary>
/// A refusal by the CRM. Permanent errors (validation) are dead-lettered with the CRM's message and never retried;
/// transient ones are retried with backoff.
/// </summary>
public sealed record CrmWriteError(bool IsPermanent, string Code, string Message);
