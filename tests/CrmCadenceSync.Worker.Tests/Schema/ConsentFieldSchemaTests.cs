namespace CrmCadenceSync.Worker.Tests.Schema;

/// <summary>The schema check asks for the consent property and field once <c>Compliance:Consent</c> names them.</summary>
public sealed class ConsentFieldSchemaTests
{
    [Fact]
    public async Task Doctor_names_a_configured_consent_field_the_crm_lacks_and_the_setting_that_asked_for_it()
    {
        using var world = new SchemaWorld();

        var (exitCode, lines) = await world.RunAsync(
            ["doctor"], "--Compliance:Consent:SalesforceField=Email_Consent__c", "--Compliance:Consent:HubSpotProperty=hs_legal_basis");

        Assert.Equal(1, exitCode);
        Assert.Contains(lines, l => l.StartsWith("         - Connection salesforce: Lead has no field Email_Consent__c (asked for by Compliance:Consent:SalesforceField)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("         - Connection salesforce: Contact has no field Email_Consent__c (asked for by Compliance:Consent:SalesforceField)", StringComparison.Ordinal));

        // The HubSpot sandbox has hs_legal_basis, as a portal with GDPR features on does: nothing to report there.
        Assert.DoesNotContain(lines, l => l.Contains("hs_legal_basis", StringComparison.Ordinal));
    }
}
