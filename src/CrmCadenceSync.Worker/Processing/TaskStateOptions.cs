namespace CrmCadenceSync.Worker.Processing;

public sealed class TaskStateOptions
{
    public const string SectionName = "TaskStates";

    public const int MaxPerPoll = 50_000;

    /// <summary>
    /// How many of our open tasks one poll asks the CRM about. A cursor moves on through them, so every open task is
    /// asked about within (open tasks ÷ PerPoll) + 1 polls.
    /// </summary>
    public int PerPoll { get; set; } = 2000;
}
