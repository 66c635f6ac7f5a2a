namespace CrmCadenceSync.Core.Rules;

public static class CallOutcomes
{
    /// <summary>
    /// The configured outcome a rep's logged call outcome matches (case-insensitive), if it ends the enrollment:
    /// the cadence's own list when it has one, the policy's otherwise.
    /// </summary>
    public static string? ExitingOutcome(Cadence? cadence, Policies policies, string? outcome)
    {
        if (string.IsNullOrWhiteSpace(outcome))
        {
            return null;
        }

        var trimmed = outcome.Trim();
        foreach (var exiting in cadence?.ExitOnCallOutcomes ?? policies.ExitOnCallOutcomes)
        {
            if (string.Equals(exiting, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return exiting;
            }
        }

        return null;
    }
}
