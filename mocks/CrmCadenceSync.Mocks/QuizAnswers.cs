namespace CrmCadenceSync.Mocks;

/// <summary>
/// Answers to the qualification quiz that the hot cadence's emails quote. Most contacts scoring 50 or more took the
/// quiz; a few did not, so the demo also shows the sentences the shipped templates use without the answers.
/// </summary>
public static class QuizAnswers
{
    public const decimal MinScore = 50;

    private static readonly string[] Challenges =
    [
        "slow follow-up on inbound leads",
        "reps spending hours on manual data entry",
        "no visibility into which deals are at risk",
        "low reply rates on outbound email",
        "a patchy handoff from marketing to sales",
    ];

    private static readonly string[] TeamSizes = ["1-10", "11-50", "51-200", "201-1000"];

    private static readonly string[] Timelines = ["this month", "this quarter", "next quarter", "this year"];

#pragma warning disable CA5394 // Seeded demo data, not security: determinism is the point.
    /// <returns>(challenge, team size, timeline), or null for a contact who did not take the quiz.</returns>
    public static (string Challenge, string TeamSize, string Timeline)? For(decimal? score, Random random)
    {
        var tookQuiz = random.NextDouble() < 0.9;
        var answers = (Challenges[random.Next(Challenges.Length)], TeamSizes[random.Next(TeamSizes.Length)], Timelines[random.Next(Timelines.Length)]);
        return score >= MinScore && tookQuiz ? answers : null;
    }
#pragma warning restore CA5394
}
