using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Rules.Compilation;
using CrmCadenceSync.Core.Rules.Definitions;
using CrmCadenceSync.Core.Segmentation;
using CrmCadenceSync.Core.Templates;
using CrmCadenceSync.Core.Touches;
using Microsoft.Extensions.Configuration;

namespace CrmCadenceSync.Worker.Tests.Rules;

/// <summary>The rule set in the repository's appsettings.json is the seed example, and it works.</summary>
public sealed class ShippedRuleSetTests
{
    private static readonly Dictionary<string, string> OfferFields = new()
    {
        ["offer_name"] = "Growth bundle",
        ["discount"] = "15%",
        ["expires_on"] = "December 31",
    };

    private static readonly DateTimeOffset EmailSentAt = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

    private static readonly Owner Rep = new("rep-1", "Grace", "Hopper", "grace@seller.example", "America/Chicago");

    private static RuleSet Shipped()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(RepositoryFiles.Path("appsettings.json")).Build();
        var definition = new RuleSetDefinition();
        configuration.Bind(definition);
        var compilation = RuleSetCompiler.Compile(definition);
        Assert.True(compilation.Succeeded, string.Join(Environment.NewLine, compilation.Errors));
        return compilation.RuleSet!;
    }

    private static Contact QuizProspect(decimal score) => new()
    {
        Connection = "hubspot",
        CrmId = "101",
        Email = "ada@analytical.example",
        FirstName = "Ada",
        LastName = "Lovelace",
        Company = "Analytical Engines",
        Title = "VP Sales",
        OwnerId = "rep-1",
        LeadScore = score,
        Properties = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["quiz_primary_challenge"] = "slow follow-up on inbound leads",
            ["quiz_team_size"] = "11-50",
            ["quiz_timeline"] = "this quarter",
        },
    };

    [Fact]
    public void Scores_70_and_up_get_the_9_touch_14_day_cadence_50_to_69_the_6_touch_and_below_50_the_monthly_nurture()
    {
        var rules = Shipped();

        Assert.Equal("hot-9-touch-14-day", Segmenter.Match(rules, QuizProspect(70))!.CadenceId);
        Assert.Equal("warm-6-touch", Segmenter.Match(rules, QuizProspect(69.99m))!.CadenceId);
        Assert.Equal("monthly-nurture", Segmenter.Match(rules, QuizProspect(49.99m))!.CadenceId);
        Assert.Null(Segmenter.Match(rules, QuizProspect(0) with { LeadScore = null }));
    }

    [Fact]
    public void The_hot_cadence_is_nine_touches_within_fourteen_business_days_opening_with_the_quiz_email()
    {
        var hot = Shipped().Cadences["hot-9-touch-14-day"];

        Assert.Equal(9, hot.Steps.Count);
        Assert.Equal(
            [(0, StepChannel.Email), (1, StepChannel.LinkedIn), (3, StepChannel.Call), (5, StepChannel.Email)],
            hot.Steps.Take(4).Select(s => (s.DayOffset!.Value, s.Channel)));
        Assert.True(hot.Steps.Max(s => s.DayOffset) <= 13);
        Assert.Contains("contact.quiz_primary_challenge", hot.Steps[0].Body.Source, StringComparison.Ordinal);
        Assert.Equal(6, Shipped().Cadences["warm-6-touch"].Steps.Count);
    }

    [Fact]
    public void Every_shipped_step_renders_fully_for_a_quiz_prospect()
    {
        var rules = Shipped();

        foreach (var cadence in rules.Cadences.Values)
        {
            foreach (var step in cadence.Steps)
            {
                // Engaged since the last email, so steps waiting for an open are ready too.
                var engaged = QuizProspect(82) with { LastEmailOpenedAt = EmailSentAt.AddHours(2) };
                var outcome = TouchPlanner.Prepare(step, engaged, Rep, cadence, rules, EmailSentAt, OfferFields);
                var ready = Assert.IsType<ReadyTouch>(outcome);
                Assert.DoesNotContain("{{", ready.Body, StringComparison.Ordinal);
                Assert.Equal(step.Kind != StepKind.Note, !string.IsNullOrWhiteSpace(ready.Subject));
            }
        }
    }

    [Fact]
    public void The_offer_email_quotes_the_triggering_event()
    {
        var rules = Shipped();
        var offer = rules.Cadences["new-offer-announcement"];

        var ready = Assert.IsType<ReadyTouch>(TouchPlanner.Prepare(offer.Steps[0], QuizProspect(40), Rep, offer, rules, null, OfferFields));

        Assert.Equal("Growth bundle: 15% off until December 31", ready.Subject);
        Assert.Equal("cpq-new-bundle", Assert.Single(rules.Triggers).Key);
    }

    public static TheoryData<string[]> QuizAnswerSubsets() =>
    [
        [],
        ["quiz_primary_challenge"],
        ["quiz_team_size"],
        ["quiz_timeline"],
        ["quiz_primary_challenge", "quiz_team_size"],
        ["quiz_primary_challenge", "quiz_timeline"],
        ["quiz_team_size", "quiz_timeline"],
    ];

    /// <remarks>Every variant of every step, whichever quiz answers are absent (issue 15: hot leads without quiz answers got nothing).</remarks>
    [Theory]
    [MemberData(nameof(QuizAnswerSubsets))]
    public void Every_shipped_template_renders_a_whole_sentence_when_quiz_answers_are_absent(string[] answered)
    {
        var rules = Shipped();
        var full = QuizProspect(90);
        var contact = full with
        {
            Properties = full.Properties.Where(p => answered.Contains(p.Key)).ToDictionary(StringComparer.OrdinalIgnoreCase),
        };

        foreach (var cadence in rules.Cadences.Values)
        {
            foreach (var step in cadence.Steps)
            {
                var model = TemplateModel.For(contact, Rep, cadence, step, OfferFields);
                foreach (var variant in step.Variants)
                {
                    foreach (var template in new[] { variant.Subject, variant.Body }.OfType<MessageTemplate>())
                    {
                        var where = $"{cadence.Id} step '{step.Id}' variant '{variant.Name}' with {(answered.Length == 0 ? "no answers" : string.Join(", ", answered))}";
                        var rendered = template.Render(model);
                        Assert.True(rendered.IsComplete, $"{where}: missing {string.Join(", ", rendered.MissingFields)}");
                        // A gap left by an absent answer shows as a doubled space, a space before punctuation or empty brackets.
                        Assert.DoesNotMatch(@"\S  \S| [,.:;?!)]|\(\)", rendered.Text!);
                        if (answered.Length == 0)
                        {
                            Assert.DoesNotContain("quiz", rendered.Text!, StringComparison.OrdinalIgnoreCase);
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void A_hot_contact_without_quiz_answers_gets_the_first_email_with_sentences_that_need_none()
    {
        var rules = Shipped();
        var hot = rules.Cadences["hot-9-touch-14-day"];
        var noQuiz = QuizProspect(90) with { Properties = new Dictionary<string, string?>() };

        var ready = Assert.IsType<ReadyTouch>(TouchPlanner.Prepare(hot.Steps[0], noQuiz, Rep, hot, rules, null));

        Assert.Equal("Ada, two ideas for Analytical Engines", ready.Subject);
        Assert.StartsWith("Hi Ada,\n\nThanks for your interest in what we do. Most teams we talk to want to fix one thing first:", ready.Body, StringComparison.Ordinal);
        Assert.Contains("I put together two ideas for teams like yours and would like", ready.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_partial_quiz_quotes_the_answers_given_and_leaves_out_the_rest()
    {
        var rules = Shipped();
        var hot = rules.Cadences["hot-9-touch-14-day"];
        var timelineOnly = QuizProspect(90) with
        {
            Properties = new Dictionary<string, string?> { ["quiz_primary_challenge"] = "slow follow-up on inbound leads", ["quiz_timeline"] = "this quarter" },
        };

        var ready = Assert.IsType<ReadyTouch>(TouchPlanner.Prepare(hot.Steps[0], timelineOnly, Rep, hot, rules, null));

        Assert.Contains("You said your biggest challenge right now is slow follow-up on inbound leads, with a timeline of this quarter.", ready.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_email_greets_by_name_and_quotes_the_quiz_answers()
    {
        var rules = Shipped();
        var hot = rules.Cadences["hot-9-touch-14-day"];

        var ready = Assert.IsType<ReadyTouch>(TouchPlanner.Prepare(hot.Steps[0], QuizProspect(82), Rep, hot, rules, null));

        Assert.Equal("Ada, your quiz results: slow follow-up on inbound leads", ready.Subject);
        Assert.StartsWith("Hi Ada,\n\nThanks for taking our qualification quiz. You said your biggest challenge right now is slow follow-up on inbound leads, with a team of 11-50 and a timeline of this quarter.", ready.Body, StringComparison.Ordinal);
        Assert.EndsWith("\n\nGrace\ngrace@seller.example", ready.Body, StringComparison.Ordinal);
    }
}
