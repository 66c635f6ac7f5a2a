namespace CrmCadenceSync.Worker.HubSpotApp;

/// <summary>The states of a stored workflow callback (<see cref="Storage.Entities.WorkflowCallbackEntity.State"/>).</summary>
internal static class WorkflowCallbackStates
{
    public const string Blocked = "Blocked";
    public const string Pending = "Pending";
    public const string Completed = "Completed";
    public const string Answered = "Answered";
    public const string DeadLetter = "DeadLetter";
}
