namespace CrmCadenceSync.Core.Metrics;

/// <summary>Time to first response over a group of contacts: hours from the first touch written to the first reply.</summary>
/// <param name="AverageHours">The mean; null when no contact in the group replied after a touch.</param>
/// <param name="MedianHours">The median; null likewise.</param>
public sealed record ResponseTimes(double? AverageHours, double? MedianHours)
{
    public static readonly ResponseTimes None = new(null, null);
}
