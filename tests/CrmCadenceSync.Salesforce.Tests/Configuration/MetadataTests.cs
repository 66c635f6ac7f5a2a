using System.Xml.Linq;
using CrmCadenceSync.Salesforce.Configuration;

namespace CrmCadenceSync.Salesforce.Tests.Configuration;

/// <summary>The shipped Salesforce metadata defines every field the connector writes under its default names.</summary>
public sealed class MetadataTests
{
    private static readonly XNamespace Metadata = "http://soap.sforce.com/2006/04/metadata";

    [Fact]
    public void The_sync_key_is_a_unique_external_id_on_Activity()
    {
        var field = Load("Activity", new SalesforceConnectionOptions().SyncKeyField);

        Assert.Equal("true", field.Element(Metadata + "externalId")?.Value);
        Assert.Equal("true", field.Element(Metadata + "unique")?.Value);
        Assert.Equal("Text", field.Element(Metadata + "type")?.Value);
    }

    [Theory]
    [InlineData("Lead")]
    [InlineData("Contact")]
    public void Every_default_status_and_score_field_is_defined_on_leads_and_contacts(string sObject)
    {
        var mapping = new SalesforceFieldMapping();
        string[] fields = [mapping.SegmentField, mapping.CadenceField, mapping.CadenceStatusField, mapping.NextTouchField, mapping.ScoreField];

        var types = fields.ToDictionary(f => f, f => Load(sObject, f).Element(Metadata + "type")?.Value);

        Assert.Equal("DateTime", types[mapping.NextTouchField]);
        Assert.Equal("Number", types[mapping.ScoreField]);
        var permissions = XDocument.Load(Path.Combine(Root(), "permissionsets", "CCS_Cadence_Sync.permissionset-meta.xml"))
            .Descendants(Metadata + "field").Select(e => e.Value).ToHashSet();
        Assert.All(fields, f => Assert.Contains($"{sObject}.{f}", permissions));
    }

    private static XElement Load(string sObject, string field)
    {
        var path = Path.Combine(Root(), "objects", sObject, "fields", $"{field}.field-meta.xml");
        var element = XDocument.Load(path).Root!;
        Assert.Equal(field, element.Element(Metadata + "fullName")?.Value);
        return element;
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "crm-plugins", "salesforce", "force-app", "main", "default");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("crm-plugins/salesforce/force-app/main/default was not found above the test output folder.");
    }
}
