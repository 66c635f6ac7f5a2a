using CrmCadenceSync.Core.Contacts;

namespace CrmCadenceSync.Benchmarks;

/// <summary>A deterministic population: scores over 0-100 (some unscored), contacts and owners in several zones.</summary>
internal static class GeneratedContacts
{
    // Contact zones as CRMs send them: IANA ids, HubSpot's form, and blanks that fall back to the owner.
    private static readonly string?[] ContactZones =
    [
        "America/New_York", "america_slash_chicago", "America/Los_Angeles", "Europe/Berlin", "Europe/London",
        "Asia/Tokyo", "australia_slash_sydney", "America/Sao_Paulo", null, "",
    ];

    private static readonly string[] OwnerZones = ["America/New_York", "America/Los_Angeles", "Europe/Berlin", "Asia/Tokyo"];

    public static (Contact[] Contacts, string[] OwnerZoneOfContact) Create(int count, int seed)
    {
        var random = new Random(seed);
        var contacts = new Contact[count];
        var ownerZones = new string[count];
        for (var i = 0; i < count; i++)
        {
            var owner = random.Next(40);
            contacts[i] = new Contact
            {
                Connection = "hubspot",
                CrmId = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                OwnerId = "owner-" + owner,
                TimeZone = ContactZones[random.Next(ContactZones.Length)],
                LeadScore = random.Next(20) == 0 ? null : random.Next(0, 10_001) / 100m,
                LifecycleStage = "lead",
            };
            ownerZones[i] = OwnerZones[owner % OwnerZones.Length];
        }

        return (contacts, ownerZones);
    }
}
