namespace CrmCadenceSync.Core.Crm;

/// <summary>The outcome of one record in a batch write.</summary>
/// <param name="CrmId">The CRM's id for the record, when it was created or already existed under the key.</param>
/// <param name="Error">Why the CRM refused it; null on success.</param>
public sealed record CrmWriteResult(string IdempotencyKey, string? CrmId, CrmWriteError? Error)
{
    public bool Succeeded => Error is null;
}
