namespace CrmCadenceSync.Core.Crm;

/// <summary>A task this worker wrote, to be closed in the CRM because its enrollment ended.</summary>
/// <param name="IdempotencyKey">The key of the close write (one per task), matching its result.</param>
/// <param name="TaskCrmId">The CRM's id of the task.</param>
public sealed record TaskClosure(string IdempotencyKey, string TaskCrmId);
