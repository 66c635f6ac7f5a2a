namespace CrmCadenceSync.Mocks.Salesforce.State;

/// <summary>
/// Seeds the org the same way for the same seed: reps in four time zones, Leads and Contacts with a spread of scores,
/// some converted, opted out, do-not-call, bounced or unscored, and several records sharing each SystemModstamp.
/// </summary>
internal static class SalesforceSeeder
{
    /// <summary>Records written in the same second, as a bulk update would; paging must not split them badly.</summary>
    public const int RecordsPerTimestamp = 5;

    private static readonly string[] FirstNames = ["Ada", "Bruno", "Chiara", "Dmitri", "Elif", "Farah", "Goran", "Hana", "Ines", "Jonas", "Kofi", "Lena"];
    private static readonly string[] LastNames = ["Alvarez", "Berg", "Chen", "Dubois", "Eze", "Fischer", "Garcia", "Haddad", "Ivanova", "Jensen", "Kowalski", "Larsen"];
    private static readonly string[] Companies = ["Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Adatum", "Proseware", "Wingtip"];
    private static readonly string[] Countries = ["US", "GB", "DE", "FR", "JP", "BR"];
    private static readonly string[] Sources = ["Web", "Webinar", "Trade Show", "Partner Referral", "Purchased List"];

    private static readonly (string First, string Last, string TimeZone)[] Reps =
    [
        ("Avery", "Stone", "America/New_York"),
        ("Blake", "Moreno", "America/Los_Angeles"),
        ("Casey", "Lund", "Europe/London"),
        ("Devon", "Ito", "Asia/Tokyo"),
    ];

    public static void Seed(SalesforceOrgState org)
    {
        var options = org.Options;
        var random = new Random(options.Seed);
        var quizRandom = new Random(options.Seed + 1);
        var owners = Reps.Select(rep => org.Add(SalesforceOrgState.User, new Dictionary<string, object?>
        {
            ["FirstName"] = rep.First,
            ["LastName"] = rep.Last,
            ["Email"] = $"{rep.First.ToUpperInvariant()[0]}{rep.Last}@sandbox.example".ToLowerInvariant(),
            ["TimeZoneSidKey"] = rep.TimeZone,
            ["IsActive"] = true,
        }, options.SeededAt.AddDays(-400)).Id).ToList();

        var total = options.Leads + options.Contacts;
        var leads = 0;
        for (var n = 0; n < total; n++)
        {
            // Alternate while both kinds remain, so Leads and Contacts share timestamps and pages.
            var isLead = leads < options.Leads && (n % 2 == 0 || n - leads >= options.Contacts);
            leads += isLead ? 1 : 0;
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var company = Companies[random.Next(Companies.Length)];

            // Scores sweep 0-100 so every segment band gets people; every 17th has no score at all.
            decimal? score = n % 17 == 16 ? null : Math.Round((decimal)((n * 37 % 101) + random.NextDouble()), 1);
            var modified = options.SeededAt.AddMinutes(-(total - (n / RecordsPerTimestamp * RecordsPerTimestamp)) * 7);
            var fields = new Dictionary<string, object?>
            {
                ["FirstName"] = first,
                ["LastName"] = last,
                ["Email"] = $"{first}.{last}.{n}@{company}.example".ToLowerInvariant(),
                ["Title"] = n % 3 == 0 ? "VP Finance" : n % 3 == 1 ? "Head of Operations" : "Legal Counsel",
                ["OwnerId"] = owners[n % owners.Count],
                ["LeadSource"] = Sources[random.Next(Sources.Length)],
                ["HasOptedOutOfEmail"] = n % 7 == 6,
                ["DoNotCall"] = n % 11 == 10,
                ["EmailBouncedDate"] = n % 13 == 12 ? modified.AddDays(-3) : null,
                ["Lead_Score__c"] = score,
                ["LastModifiedDate"] = modified,
            };
            if (QuizAnswers.For(score, quizRandom) is { } quiz)
            {
                fields["Quiz_Primary_Challenge__c"] = quiz.Challenge;
                fields["Quiz_Team_Size__c"] = quiz.TeamSize;
                fields["Quiz_Timeline__c"] = quiz.Timeline;
            }

            if (isLead)
            {
                var converted = n % 10 == 9;
                fields["Company"] = company;
                fields["Country"] = Countries[random.Next(Countries.Length)];
                fields["Status"] = converted ? "Closed - Converted" : n % 2 == 0 ? "Open - Not Contacted" : "Working - Contacted";
                fields["IsConverted"] = converted;
                fields["ConvertedDate"] = converted ? DateOnly.FromDateTime(modified.UtcDateTime) : null;
                org.Add(SalesforceOrgState.Lead, fields, modified);
            }
            else
            {
                fields["MailingCountry"] = Countries[random.Next(Countries.Length)];
                org.Add(SalesforceOrgState.Contact, fields, modified);
            }
        }
    }
}
