namespace CrmCadenceSync.Simulation.Engine.World;

/// <summary>What changed since the last cycle, so a cycle runs the hops that have work (as the worker's own jobs do when signalled).</summary>
[Flags]
public enum WorldChanges
{
    None = 0,
    HubSpot = 1,
    Salesforce = 2,
    Webhook = 4,
    Admin = 8,
    All = HubSpot | Salesforce | Webhook | Admin,
}
