namespace CrmCadenceSync.Worker.Admin.Connections;

/// <summary>The CRM's daily API allowance as the worker last saw it; null where the CRM has not said yet.</summary>
public sealed record RateBudgetView(string Window, int? Used, int? Left, int? Limit, string? Burst);
