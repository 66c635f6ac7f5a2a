using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Identity;

namespace CrmCadenceSync.Core.Tests.Identity;

public sealed class IdentityRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_record_without_twins_runs_its_own_cadence() =>
        Assert.IsType<RunsOwnCadence>(IdentityRule.Decide(isPrimary: false, own: null, twins: []));

    [Fact]
    public void A_secondary_record_follows_its_primary_twin_even_when_the_twin_is_not_enrolled()
    {
        var primary = Twin("hubspot", isPrimary: true, enrolled: false);

        var decision = Assert.IsType<FollowsTwin>(IdentityRule.Decide(isPrimary: false, own: null, twins: [primary]));

        Assert.Same(primary, decision.Twin);
    }

    [Fact]
    public void A_primary_record_runs_the_cadence_when_its_twin_is_not_enrolled() =>
        Assert.IsType<RunsOwnCadence>(IdentityRule.Decide(isPrimary: true, own: null, twins: [Twin("salesforce", isPrimary: false, enrolled: false)]));

    [Fact]
    public void A_primary_record_whose_twin_already_runs_a_cadence_follows_it_rather_than_open_a_second()
    {
        var running = Twin("salesforce", isPrimary: false, enrolled: true);

        Assert.Same(running, Assert.IsType<FollowsTwin>(IdentityRule.Decide(isPrimary: true, own: null, twins: [running])).Twin);
    }

    [Fact]
    public void A_record_with_an_open_enrollment_of_its_own_keeps_running_it() =>
        Assert.IsType<RunsOwnCadence>(IdentityRule.Decide(isPrimary: false, own: Enrollment("salesforce"), twins: [Twin("hubspot", isPrimary: true, enrolled: true)]));

    [Theory]
    [InlineData(IdentityMatch.Email, " Ada.Tester@ACME.example ", "ada.tester@acme.example")]
    [InlineData(IdentityMatch.Email, "", null)]
    [InlineData(IdentityMatch.None, "ada@acme.example", null)]
    public void The_key_is_the_email_in_lower_case(IdentityMatch match, string email, string? key) =>
        Assert.Equal(key, IdentityKey.Of(new Contact { Connection = "hubspot", CrmId = "1", Email = email }, match));

    private static LinkedTwin Twin(string connection, bool isPrimary, bool enrolled) =>
        new(new Contact { Connection = connection, CrmId = "twin", Email = "ada@acme.example" }, isPrimary, enrolled ? Enrollment(connection) : null);

    private static Enrollment Enrollment(string connection) => new()
    {
        Id = Guid.NewGuid(),
        Connection = connection,
        ContactCrmId = "x",
        Segment = "Hot",
        CadenceId = "hot",
        EnrolledAt = Now,
    };
}
