using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Templates;
using CrmCadenceSync.Core.Tests.Support;

namespace CrmCadenceSync.Core.Tests.Templates;

public sealed class TemplateTests
{
    private static readonly Owner Rep = new("rep-1", "Grace", "Hopper", "grace@seller.example", "America/Los_Angeles");
    private readonly TemplateEngine engine = new();
    private readonly Cadence cadence = TestRules.Compile().Cadences["hot"];

    private RenderResult Render(string source, Contact contact, Owner? owner = null) =>
        engine.Compile(source).Render(TemplateModel.For(contact, owner ?? Rep, cadence, cadence.Steps[0]));

    [Fact]
    public void Merge_fields_come_from_the_contact_its_properties_the_owner_and_the_cadence()
    {
        var contact = TestRules.Contact(82) with
        {
            Company = "AT&T",
            Properties = new Dictionary<string, string?> { ["quiz_primary_challenge"] = "slow lead follow-up" },
        };

        var result = Render(
            "{{contact.first_name}} at {{contact.company}}: {{contact.quiz_primary_challenge}}. {{owner.full_name}}, {{cadence.name}} step {{step.number}} of {{step.of}}",
            contact);

        Assert.Equal("Ada at AT&T: slow lead follow-up. Grace Hopper, Cadence hot step 1 of 2", result.Text);
        Assert.Empty(result.MissingFields);
    }

    [Fact]
    public void Default_fills_a_missing_or_blank_field()
    {
        var result = Render(
            "Hi {{default contact.first_name \"there\"}} from {{default contact.company \"your team\"}}",
            TestRules.Contact(82) with { FirstName = "  ", Company = null });

        Assert.Equal("Hi there from your team", result.Text);
    }

    [Fact]
    public void A_missing_field_without_a_default_leaves_no_text_and_names_every_missing_field()
    {
        var result = Render(
            "{{contact.first_name}}, about {{contact.company}} and {{contact.quiz_timeline}} ({{owner.email}})",
            TestRules.Contact(82) with { Company = null },
            new Owner("rep-2", "Alan", null, null, null));

        Assert.False(result.IsComplete);
        Assert.Null(result.Text);
        Assert.Equal(["contact.company", "contact.quiz_timeline", "owner.email"], result.MissingFields);
    }

    [Fact]
    public void An_if_block_says_something_else_when_its_field_is_absent_and_holds_nothing()
    {
        const string source = "{{#if contact.quiz_timeline}}On a {{contact.quiz_timeline}} timeline.{{else}}Whenever suits you.{{/if}}";
        var answered = TestRules.Contact(82) with { Properties = new Dictionary<string, string?> { ["quiz_timeline"] = "this quarter" } };

        Assert.Equal("On a this quarter timeline.", Render(source, answered).Text);
        var absent = Render(source, TestRules.Contact(82));
        Assert.Equal("Whenever suits you.", absent.Text);
        Assert.Empty(absent.MissingFields);
    }

    [Fact]
    public void Rendering_with_gaps_leaves_a_missing_field_empty_and_names_it()
    {
        var template = engine.Compile("{{contact.first_name}} at {{contact.company}}, {{default contact.title \"a leader\"}}");

        var result = template.RenderWithGaps(TemplateModel.For(TestRules.Contact(82) with { Company = null }, Rep, cadence, cadence.Steps[0]));

        Assert.Equal("Ada at , a leader", result.Text);
        Assert.Equal(["contact.company"], result.MissingFields);
    }

    [Fact]
    public void A_template_lists_every_field_it_mentions_printed_tested_or_given_a_fallback()
    {
        var template = engine.Compile("{{#if contact.quiz_timeline}}{{contact.quiz_timeline}}{{/if}} {{default contact.first_name \"there\"}} {{owner.email}} {{cadence.name}}");

        Assert.Equal(["contact.quiz_timeline", "contact.first_name", "owner.email", "cadence.name"], template.Fields);
    }

    [Fact]
    public void An_invalid_template_is_refused_at_compile_time()
    {
        Assert.Throws<TemplateSyntaxException>(() => engine.Compile("Hi {{#if contact.first_name}}"));
    }
}
