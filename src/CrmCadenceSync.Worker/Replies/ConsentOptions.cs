using CrmCadenceSync.Core.Consent;

namespace CrmCadenceSync.Worker.Replies;

/// <summary>
/// <c>Compliance:Consent</c>: where the CRM keeps the contact's consent or legal basis, and who needs it before automated
/// email. Contacts who need it and lack it get their automated email steps skipped (reason NoConsent), or, with
/// <see cref="RepTaskInstead"/>, a rep task with the draft instead.
/// </summary>
public sealed class ConsentOptions
{
    public const string SectionName = "Compliance:Consent";

    /// <summary>The HubSpot contact property holding consent or legal basis (for example <c>hs_legal_basis</c>).</summary>
    public string? HubSpotProperty { get; set; }

    /// <summary>The Salesforce Lead and Contact field holding it (for example <c>Email_Consent__c</c>).</summary>
    public string? SalesforceField { get; set; }

    /// <summary>Whether automated email needs consent where neither the segment nor the country says.</summary>
    public bool RequiredByDefault { get; set; }

    /// <summary>Per country as the CRM holds it (for example "DE": true, "US": false).</summary>
    public Dictionary<string, bool> Countries { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Per segment name; wins over the country.</summary>
    public Dictionary<string, bool> Segments { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The values that grant consent; empty means any value but a denial (false, no, withdrawn, …).</summary>
    public List<string> GrantingValues { get; set; } = [];

    /// <summary>Give the rep a task with the draft instead of skipping the automated email.</summary>
    public bool RepTaskInstead { get; set; }

    public bool Configured => !string.IsNullOrWhiteSpace(HubSpotProperty) || !string.IsNullOrWhiteSpace(SalesforceField);

    /// <summary>The rule Core applies; a contact has consent when either configured field grants it.</summary>
    public ConsentPolicy ToPolicy() => !Configured
        ? ConsentPolicy.None
        : new ConsentPolicy
        {
            Fields = [.. new[] { HubSpotProperty, SalesforceField }.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f!.Trim())],
            RequiredByDefault = RequiredByDefault,
            Countries = new Dictionary<string, bool>(Countries, StringComparer.OrdinalIgnoreCase),
            Segments = new Dictionary<string, bool>(Segments, StringComparer.OrdinalIgnoreCase),
            GrantingValues = new HashSet<string>(GrantingValues.Select(v => v.Trim()), StringComparer.OrdinalIgnoreCase),
            RepTaskInstead = RepTaskInstead,
        };
}
