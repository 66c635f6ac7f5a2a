using CrmCadenceSync.Core.Replies;

namespace CrmCadenceSync.Core.Tests.Replies;

public sealed class ReplyClassifierTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Theory]
    [InlineData("en-human", ReplyKind.Human)]
    [InlineData("de-human", ReplyKind.Human)]
    [InlineData("fr-human", ReplyKind.Human)]
    [InlineData("es-human", ReplyKind.Human)]
    [InlineData("en-ooo", ReplyKind.AutoReply)]
    [InlineData("de-ooo", ReplyKind.AutoReply)]
    [InlineData("fr-ooo", ReplyKind.AutoReply)]
    [InlineData("es-ooo", ReplyKind.AutoReply)]
    [InlineData("de-ooo-numeric", ReplyKind.AutoReply)]
    [InlineData("en-ooo-nodate", ReplyKind.AutoReply)]
    [InlineData("en-ooo-us", ReplyKind.AutoReply)]
    [InlineData("en-left", ReplyKind.LeftCompany)]
    [InlineData("de-left", ReplyKind.LeftCompany)]
    [InlineData("fr-left", ReplyKind.LeftCompany)]
    [InlineData("es-left", ReplyKind.LeftCompany)]
    [InlineData("en-unsubscribe", ReplyKind.Unsubscribe)]
    [InlineData("de-unsubscribe", ReplyKind.Unsubscribe)]
    [InlineData("fr-unsubscribe", ReplyKind.Unsubscribe)]
    [InlineData("es-unsubscribe", ReplyKind.Unsubscribe)]
    public void Each_reply_kind_is_told_in_each_language_with_headers_and_from_the_text_alone(string fixture, ReplyKind expected)
    {
        foreach (var withHeaders in new[] { true, false })
        {
            var reply = ReplyFixtures.Load(fixture, withHeaders);

            var classified = ReplyClassifier.Classify(reply, reply.ReceivedAt, Berlin);

            Assert.True(expected == classified.Kind, $"{fixture} (headers: {withHeaders}) was {classified.Kind} ({classified.Evidence}), expected {expected}");
        }
    }

    [Theory]
    [InlineData("en-ooo")]
    [InlineData("de-ooo")]
    [InlineData("fr-ooo")]
    [InlineData("es-ooo")]
    [InlineData("de-ooo-numeric")]
    [InlineData("en-ooo-us")]
    public void The_return_date_is_read_in_each_language_and_without_a_year_it_is_the_next_such_day(string fixture)
    {
        var reply = ReplyFixtures.Load(fixture);

        var classified = ReplyClassifier.Classify(reply, reply.ReceivedAt, Berlin);

        Assert.Equal(new DateOnly(2027, 1, 14), classified.ReturnDate);
    }

    [Fact]
    public void An_auto_reply_that_names_no_day_has_no_return_date()
    {
        var reply = ReplyFixtures.Load("en-ooo-nodate");

        Assert.Null(ReplyClassifier.Classify(reply, reply.ReceivedAt, Berlin).ReturnDate);
    }

    [Fact]
    public void A_reply_whose_body_the_crm_did_not_give_counts_as_a_persons_reply()
    {
        var at = new DateTimeOffset(2026, 12, 22, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal(ReplyKind.Human, ReplyClassifier.Classify(null, at, Berlin).Kind);
        Assert.Equal(ReplyKind.Human, ReplyClassifier.Classify(new ReplyMessage(at, "Re: hello", null), at, Berlin).Kind);
        Assert.True(ReplyClassifier.Classify(null, at, Berlin).CountsAsReply);
    }

    [Fact]
    public void Headers_alone_mark_an_auto_reply_and_an_unsubscribe_footer_in_it_is_no_request()
    {
        var at = new DateTimeOffset(2026, 12, 22, 10, 0, 0, TimeSpan.Zero);
        var body = "Thanks, your ticket #4411 was received.\nTo unsubscribe from these notices click here.";

        Assert.Equal(ReplyKind.AutoReply, ReplyClassifier.Classify(new ReplyMessage(at, "Re: hello", body, "Auto-Submitted: auto-generated"), at, Berlin).Kind);
        Assert.Equal(ReplyKind.AutoReply, ReplyClassifier.Classify(new ReplyMessage(at, "Re: hello", body, "Precedence: bulk"), at, Berlin).Kind);
        Assert.Equal(ReplyKind.AutoReply, ReplyClassifier.Classify(new ReplyMessage(at, "Re: hello", body, """{"X-Autoreply":"yes"}"""), at, Berlin).Kind);
        Assert.Equal(ReplyKind.Unsubscribe, ReplyClassifier.Classify(new ReplyMessage(at, "Re: hello", body, "Auto-Submitted: no"), at, Berlin).Kind);
    }

    [Fact]
    public void Machines_replies_do_not_count_as_replies()
    {
        Assert.False(new ReplyClassification(ReplyKind.AutoReply).CountsAsReply);
        Assert.False(new ReplyClassification(ReplyKind.LeftCompany).CountsAsReply);
        Assert.True(new ReplyClassification(ReplyKind.Human).CountsAsReply);
    }

    [Theory]
    [InlineData("I am back on 14 January.", 2027, 1, 14)]
    [InlineData("I will be back in the office on Thursday, January 14.", 2027, 1, 14)]
    [InlineData("I am on leave until 13 January 2027.", 2027, 1, 14)]
    [InlineData("Ich bin ab dem 14.01. wieder erreichbar.", 2027, 1, 14)]
    [InlineData("Ich bin vom 23. Dezember bis 13. Januar im Urlaub.", 2027, 1, 14)]
    [InlineData("Je serai absente jusqu'au 13 janvier inclus.", 2027, 1, 14)]
    [InlineData("Retour prévu le 14/01/2027.", 2027, 1, 14)]
    [InlineData("Estaré fuera hasta el 13 de enero de 2027.", 2027, 1, 14)]
    [InlineData("Regresaré el 2027-01-14.", 2027, 1, 14)]
    [InlineData("Back on 23 December.", 2026, 12, 23)]
    public void Return_dates_in_the_forms_people_write_them(string text, int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), ReturnDates.Find(text, new DateOnly(2026, 12, 22)));
    }

    [Theory]
    [InlineData("Back on 21 December 2026.")]
    [InlineData("No date here, sorry.")]
    [InlineData("I am back on 14 January 2029.")]
    public void A_day_in_the_past_or_far_ahead_is_no_return_date(string text)
    {
        Assert.Null(ReturnDates.Find(text, new DateOnly(2026, 12, 22)));
    }
}
