using System.Globalization;

namespace CrmCadenceSync.Mocks.HubSpot;

/// <summary>A deterministic demo portal: owners, contacts with a realistic score spread, zones, some opted out or bounced.</summary>
internal static class HubSpotPortalSeeder
{
    private static readonly string[] FirstNames =
        ["Ada", "Grace", "Alan", "Katherine", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances", "Tim", "Radia", "Edsger", "Hedy", "John", "Sophie"];

    private static readonly string[] LastNames =
        ["Lovelace", "Hopper", "Turing", "Johnson", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson", "Allen", "Berners-Lee", "Perlman", "Dijkstra", "Lamarr", "Backus", "Wilson"];

    private static readonly string[] Companies =
        ["Acme Corp", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises", "Tyrell", "Cyberdyne", "Soylent"];

    private static readonly string[] Titles = ["VP Sales", "CFO", "Head of RevOps", "General Counsel", "CTO", "Marketing Manager", "Procurement Lead", "CEO"];

    private static readonly string[] Zones =
    [
        "america_slash_new_york", "america_slash_chicago", "america_slash_denver", "america_slash_los_angeles",
        "europe_slash_london", "europe_slash_berlin", "australia_slash_sydney", "asia_slash_tokyo",
    ];

    private static readonly string[] Stages = ["subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer"];

    private static readonly string[] Sources = ["ORGANIC_SEARCH", "PAID_SEARCH", "EMAIL_MARKETING", "SOCIAL_MEDIA", "REFERRALS", "DIRECT_TRAFFIC", "OFFLINE"];

    private static readonly string[] QuizProperties = ["quiz_primary_challenge", "quiz_team_size", "quiz_timeline"];

    private static readonly string[] Countries = ["United States", "United Kingdom", "Germany", "Australia", "Japan", "Canada"];

#pragma warning disable CA5394 // Seeded demo data, not security: determinism is the point.
    public static void Seed(HubSpotPortal portal, HubSpotSandboxOptions options)
    {
        var random = new Random(options.Seed);
        var quizRandom = new Random(options.Seed + 1);
        var now = options.Time.GetUtcNow();
        lock (portal.Gate)
        {
            for (var i = 0; i < options.Owners; i++)
            {
                var first = FirstNames[i % FirstNames.Length];
                var last = LastNames[(i * 7) % LastNames.Length];
                portal.AddOwner(new HubSpotOwnerRecord(
                    101 + i,
                    $"{first}.{last}@sandbox.example".ToLowerInvariant(),
                    first,
                    last,
                    9001 + i));
            }

            for (var i = 0; i < options.Contacts; i++)
            {
                var modified = now - TimeSpan.FromMinutes(10 + random.Next(0, 90 * 24 * 60));
                var record = portal.NewContact(modified, now - TimeSpan.FromMinutes(5));
                record.VisibleInSearchAt = modified;
                var first = FirstNames[random.Next(FirstNames.Length)];
                var last = LastNames[random.Next(LastNames.Length)];
                var company = Companies[random.Next(Companies.Length)];
                var p = record.Properties;
                p["firstname"] = first;
                p["lastname"] = last;
                p["email"] = $"{first}.{last}.{record.Id}@{company.Replace(" ", "", StringComparison.Ordinal)}.example".ToLowerInvariant();
                p["company"] = company;
                p["jobtitle"] = Titles[random.Next(Titles.Length)];
                p["hubspot_owner_id"] = portal.OwnerList.Count == 0 ? null : portal.OwnerList[random.Next(portal.OwnerList.Count)].Id.ToString(CultureInfo.InvariantCulture);
                p["hs_timezone"] = random.NextDouble() < 0.9 ? Zones[random.Next(Zones.Length)] : null;
                p["hubspotscore"] = Score(random);
                // Drawn even for a portal without the quiz, so both portals seed the same contacts otherwise.
                if (QuizAnswers.For(p["hubspotscore"] is { } score ? decimal.Parse(score, CultureInfo.InvariantCulture) : null, quizRandom) is { } quiz
                    && options.WithQuizAnswers)
                {
                    p["quiz_primary_challenge"] = quiz.Challenge;
                    p["quiz_team_size"] = quiz.TeamSize;
                    p["quiz_timeline"] = quiz.Timeline;
                    foreach (var name in QuizProperties.Where(n => HubSpotPortal.IsMissing(options, "contacts", n)))
                    {
                        p.Remove(name);
                    }
                }

                p["lifecyclestage"] = Stages[random.Next(Stages.Length)];
                p["hs_analytics_source"] = Sources[random.Next(Sources.Length)];
                p["country"] = Countries[random.Next(Countries.Length)];
                p["hs_email_optout"] = random.NextDouble() < 0.05 ? "true" : "false";
                var bounced = random.NextDouble() < 0.03;
                p["hs_email_bounce"] = bounced ? "1" : "0";
                p["hs_email_hard_bounce_reason_enum"] = bounced ? "UNKNOWN_USER" : null;
                if (random.NextDouble() < 0.1)
                {
                    p["hs_sales_email_last_replied"] = HubSpotPortal.Iso(modified - TimeSpan.FromDays(random.Next(1, 30)));
                }
            }
        }
    }

    /// <summary>Most leads score low, a few are hot, about one in ten has no score at all.</summary>
    private static string? Score(Random random)
    {
        if (random.NextDouble() < 0.1)
        {
            return null;
        }

        var score = Math.Round(100 * Math.Pow(random.NextDouble(), 1.6));
        return score.ToString(CultureInfo.InvariantCulture);
    }
#pragma warning restore CA5394
}
