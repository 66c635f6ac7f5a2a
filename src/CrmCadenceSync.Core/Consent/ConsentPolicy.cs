using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Rules;

namespace CrmCadenceSync.Core.Consent;

/// <summary>
/// Which contacts need recorded consent (or a legal basis) before they get automated email, and where the CRM keeps it
/// (<c>Compliance:Consent</c>). A segment's setting wins over a country's, which wins over the default. A contact has
/// consent when the field holds one of the granting values, or, with none listed, any value but a denial.
/// </summary>
public sealed record ConsentPolicy
{
    /// <summary>No consent field configured: nothing is checked.</summary>
    public static readonly ConsentPolicy None = new();

    /// <summary>Values that say "no" when no granting values are listed.</summary>
    public static readonly IReadOnlySet<string> Denials = new HashSet<string>(
        ["false", "no", "0", "none", "denied", "withdrawn", "revoked", "not granted", "opted out"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The CRM properties (HubSpot) or fields (Salesforce) holding consent or legal basis, as the contact's properties name
    /// them; a contact has consent when one of them grants it. Empty: nothing is checked.
    /// </summary>
    public IReadOnlyList<string> Fields { get; init; } = [];

    public bool RequiredByDefault { get; init; }

    /// <summary>Per country (as the contact's Country holds it): whether automated email needs consent there.</summary>
    public IReadOnlyDictionary<string, bool> Countries { get; init; } = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Per segment name: whether automated email needs consent for its contacts.</summary>
    public IReadOnlyDictionary<string, bool> Segments { get; init; } = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The values that grant consent; empty means any value that is not a denial.</summary>
    public IReadOnlySet<string> GrantingValues { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Instead of skipping the automated email, give the rep a task with the draft (they may reach out personally).</summary>
    public bool RepTaskInstead { get; init; }

    public bool Requires(Contact contact, string? segment)
    {
        ArgumentNullException.ThrowIfNull(contact);
        if (Fields.Count == 0)
        {
            return false;
        }

        if (segment is not null && Segments.TryGetValue(segment, out var bySegment))
        {
            return bySegment;
        }

        return contact.Country is { } country && Countries.TryGetValue(country.Trim(), out var byCountry) ? byCountry : RequiredByDefault;
    }

    public bool HasConsent(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return Fields.Count == 0 || Fields.Any(field => Grants(contact.Properties.GetValueOrDefault(field)));
    }

    private bool Grants(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        // Multi-select values (HubSpot's legal basis) come as "a;b": any granting one is enough.
        var values = value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return GrantingValues.Count > 0 ? values.Any(GrantingValues.Contains) : values.Any(v => !Denials.Contains(v));
    }

    /// <summary>Whether this automated email step must not go to this contact for want of consent.</summary>
    public bool Blocks(Step step, Contact contact, string? segment)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step.Kind == StepKind.AutoEmail && Requires(contact, segment) && !HasConsent(contact);
    }
}
