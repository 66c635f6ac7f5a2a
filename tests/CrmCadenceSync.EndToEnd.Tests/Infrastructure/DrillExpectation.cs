namespace CrmCadenceSync.EndToEnd.Tests.Infrastructure;

/// <summary>
/// What the cluster drill's rule set (<see cref="ClusterDrillSettings"/>) must write into one CRM: for each hot
/// contact its tasks and two notes ("enrolled", "completed"); for each other enrolled contact one note ("enrolled").
/// </summary>
internal sealed record DrillExpectation(int Hot, int Later, int Tasks)
{
    public int Notes => (Hot * 2) + Later;

    /// <param name="enrolled">The seeded contacts the rule set enrolls, with their score and do-not-call flag.</param>
    /// <param name="announced">Hot contacts added during the test (owned, callable, scored above the hot band's floor).</param>
    public static DrillExpectation For(IReadOnlyCollection<(decimal Score, bool DoNotCall)> enrolled, int announced)
    {
        var hot = enrolled.Where(c => c.Score >= ClusterDrillSettings.MinScore).ToList();
        return new DrillExpectation(
            hot.Count + announced,
            enrolled.Count - hot.Count,
            hot.Sum(c => ClusterDrillSettings.TasksFor(c.DoNotCall)) + (announced * ClusterDrillSettings.TasksPerContact));
    }
}
