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

    [Fact]
    public async Task An_org_without_an_optional_merge_field_runs_without_it_with_one_warning_and_no_query_names_it()
    {
        using var world = new SchemaWorld(new SalesforceSandboxOptions { Leads = 4, Contacts = 3, MissingFields = ["Lead.Quiz_Timeline__c"] });

        var (exitCode, lines) = await world.RunAsync(["--once"], "--Connections:hubspot:Enabled=false");

        Assert.True(exitCode == 0, string.Join(Environment.NewLine, lines));
        var warning = Assert.Single(lines, l => l.Contains("Quiz_Timeline__c", StringComparison.Ordinal));
        Assert.StartsWith("Warning: Connection salesforce: Lead has no field Quiz_Timeline__c", warning, StringComparison.Ordinal);
        Assert.Contains("Connections:salesforce:FieldMapping:AdditionalFields", warning, StringComparison.Ordinal);
        Assert.Contains(world.Soql, q => q.Contains("FROM Lead", StringComparison.Ordinal));
        Assert.DoesNotContain(world.Soql, q => q.Contains("FROM Lead", StringComparison.Ordinal) && q.Contains("Quiz_Timeline__c", StringComparison.Ordinal));
        Assert.Contains(world.Soql, q => q.Contains("FROM Contact", StringComparison.Ordinal) && q.Contains("Quiz_Timeline__c", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_HubSpot_portal_without_quiz_properties_runs_with_one_warning_per_property()
    {
        using var world = new SchemaWorld(hubSpot: o =>
        {
            o.MissingProperties.Add("quiz_primary_challenge");
            o.MissingProperties.Add("quiz_team_size");
            o.MissingProperties.Add("quiz_timeline");
        });

        var (exitCode, lines) = await world.RunAsync(["--once"], "--Connections:salesforce:Enabled=false");

        Assert.True(exitCode == 0, string.Join(Environment.NewLine, lines));
        foreach (var property in new[] { "quiz_primary_challenge", "quiz_team_size", "quiz_timeline" })
        {
            var warning = Assert.Single(lines, l => l.Contains(property, StringComparison.Ordinal));
            Assert.Equal(
                $"Warning: Connection hubspot: contacts has no property {property} (asked for by Connections:hubspot:FieldMapping:ExtraProperties); read without it; fix: create the contacts property {property} in HubSpot, or remove it from Connections:hubspot:FieldMapping:ExtraProperties",
                warning);
        }

        Assert.Contains(lines, l => l.StartsWith("Reading hubspot: 6 contacts", StringComparison.Ordinal));
        var reads = world.HubSpot.Server.LogEntries.Select(e => e.RequestMessage!).Where(r => r.Path.Contains("/objects/", StringComparison.Ordinal)).ToList();
        Assert.Contains(reads, r => r.Path.EndsWith("/contacts/search", StringComparison.Ordinal) && r.Body!.Contains("hubspotscore", StringComparison.Ordinal));
        Assert.DoesNotContain(reads, r => (r.Body ?? "").Contains("quiz_", StringComparison.Ordinal) || r.Url.Contains("quiz_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_status_field_the_integration_user_cannot_edit_stops_once()
    {
        using var world = new SchemaWorld(new SalesforceSandboxOptions { Leads = 4, Contacts = 3, ReadOnlyFields = ["Contact.CCS_Cadence_Status__c"] });

        var (exitCode, lines) = await world.RunAsync(["--once"], "--Connections:hubspot:Enabled=false");

        Assert.Equal(1, exitCode);
        Assert.Equal("The worker cannot start:", lines[0]);
        Assert.Equal(
            "  - Connection salesforce: Contact field CCS_Cadence_Status__c is read-only for the integration user (asked for by Connections:salesforce:FieldMapping:CadenceStatusField); fix: give the integration user edit access to Contact.CCS_Cadence_Status__c (field-level security in its profile or permission set)",
            lines[1]);
        Assert.Empty(world.Soql);
    }

    [Fact]
    public async Task The_service_stops_at_start_up_naming_the_field_too()
    {
        using var world = new SchemaWorld(new SalesforceSandboxOptions { Leads = 2, Contacts = 2, MissingFields = ["Contact.HasOptedOutOfEmail"] });

        var run = world.RunAsync([], "--Urls=http://127.0.0.1:0", "--Connections:hubspot:Enabled=false");
        var (exitCode, lines) = await run.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(1, exitCode);
        Assert.Equal(
            "  - Connection salesforce: Contact has no field HasOptedOutOfEmail (asked for by Connections:salesforce:FieldMapping:EmailOptOutField); fix: set Connections:salesforce:FieldMapping:EmailOptOutField to a field Contact has, or give the integration user access to Contact.HasOptedOutOfEmail",
            Assert.Single(lines, l => l.Contains("HasOptedOutOfEmail", StringComparison.Ordinal)));
    }
}
