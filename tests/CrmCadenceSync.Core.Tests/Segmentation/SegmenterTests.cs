using CrmCadenceSync.Core.Rules.Definitions;
using CrmCadenceSync.Core.Segmentation;
using CrmCadenceSync.Core.Tests.Support;

namespace CrmCadenceSync.Core.Tests.Segmentation;

public sealed class SegmenterTests
{
    [Theory]
    [InlineData(49.99, "Nurture")]
    [InlineData(50, "Warm")]
    [InlineData(69.99, "Warm")]
    [InlineData(70, "Hot")]
    [InlineData(100, "Hot")]
    [InlineData(-5, "Nurture")]
    public void Score_bands_are_closed_below_and_open_above(double score, string expected)
    {
        var rules = TestRules.Compile();

        var segment = Segmenter.Match(rules, TestRules.Contact((decimal)score));

        Assert.Equal(expected, segment?.Name);
    }

    [Fact]
    public void A_contact_without_a_score_matches_no_band()
    {
        var rules = TestRules.Compile();

        Assert.Null(Segmenter.Match(rules, TestRules.Contact(null)));
    }

    [Fact]
    public void An_unscored_segment_takes_contacts_without_a_score_only()
    {
        var definition = TestRules.Definition();
        definition.Segments.Add(new SegmentDefinition { Name = "Unscored", Unscored = true, Cadence = "nurture" });
        var rules = TestRules.Compile(definition);

        Assert.Equal("Unscored", Segmenter.Match(rules, TestRules.Contact(null))?.Name);
        Assert.Equal("Hot", Segmenter.Match(rules, TestRules.Contact(80))?.Name);
    }

    [Fact]
    public void Filters_on_lifecycle_source_country_and_properties_must_all_match_and_the_first_match_wins()
    {
        var definition = TestRules.Definition();
        definition.Segments.Insert(0, new SegmentDefinition
        {
            Name = "Hot EMEA SaaS",
            MinScore = 70,
            LifecycleStages = ["lead", "marketingqualifiedlead"],
            LeadSources = ["Quiz"],
            Countries = ["DE", "FR"],
            Properties = new() { ["industry"] = ["Software"] },
            Cadence = "warm",
        });
        var rules = TestRules.Compile(definition);
        var match = TestRules.Contact(85) with
        {
            LifecycleStage = "MarketingQualifiedLead",
            LeadSource = "quiz",
            Country = "de",
            Properties = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["industry"] = "software" },
        };

        Assert.Equal("Hot EMEA SaaS", Segmenter.Match(rules, match)?.Name);
        Assert.Equal("Hot", Segmenter.Match(rules, match with { Country = "US" })?.Name);
        Assert.Equal("Hot", Segmenter.Match(rules, match with { LeadSource = null })?.Name);
        Assert.Equal("Hot", Segmenter.Match(rules, match with { LifecycleStage = "customer" })?.Name);
        Assert.Equal("Hot", Segmenter.Match(rules, match with { Properties = new Dictionary<string, string?>() })?.Name);
        Assert.Equal("Warm", Segmenter.Match(rules, match with { LeadScore = 60 })?.Name);
    }
}
