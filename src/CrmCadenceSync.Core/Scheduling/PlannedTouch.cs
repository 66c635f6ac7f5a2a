using CrmCadenceSync.Core.Rules;

namespace CrmCadenceSync.Core.Scheduling;

/// <summary>A task for a rep, as far as the daily cap is concerned.</summary>
public sealed record PlannedTouch(string Key, string RepId, StepPriority Priority, DateTimeOffset DueAt);
