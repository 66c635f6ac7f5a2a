using CrmCadenceSync.Mocks.Salesforce;

namespace CrmCadenceSync.Worker.Tests.Schema;

/// <summary>Start-up compares what the configuration needs with what each CRM has (issue 15, item 1).</summary>
public sealed class StartupSchemaCheckTests
{
    [Fact]
    public async Task An_org_without_the_configured_score_field_stops_once_naming_field_object_and_setting_in_one_line()
    {
        using var world = new SchemaWorld(new SalesforceSandboxOptions { Leads = 4, Contacts = 3, MissingFields = ["Lead.Lead_Score__c"] });

        var (exitCode, lines) = await world.RunAsync(["--once"]);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(lines, l => l.Contains("Lead_Score__c", StringComparison.Ordinal));
        Assert.Contains("salesforce", line, StringComparison.Ordinal);
        Assert.Contains("Lead", line.Replace("Lead_Score__c", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Connections:salesforce:FieldMapping:ScoreField", line, StringComparison.Ordinal);
        Assert.DoesNotContain(world.Soql, q => q.Contains("Lead_Score__c", StringComparison.Ordinal) && q.Contains("FROM Lead", StringComparison.Ordinal));
    }
}
