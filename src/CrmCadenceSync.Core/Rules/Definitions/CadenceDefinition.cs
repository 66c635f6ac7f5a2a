namespace CrmCadenceSync.Core.Rules.Definitions;

public sealed class CadenceDefinition
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>What the cadence is for, shown to admins and available as a merge field.</summary>
    public string Goal { get; set; } = "";

    /// <summary>IANA id used when neither the contact nor its owner has a time zone.</summary>
    public string TimeZone { get; set; } = "America/New_York";

    public BusinessHoursDefinition BusinessHours { get; set; } = new();

    /// <summary>Dates (yyyy-MM-dd) on which no touch is due.</summary>
    public List<string> Holidays { get; set; } = [];

    public List<StepDefinition> Steps { get; set; } = [];

    /// <summary>Call outcomes that end this cadence's enrollments; null leaves it to <c>Policies:ExitOnCallOutcomes</c>.</summary>
    public List<string>? ExitOnCallOutcomes { get; set; }

    /// <summary>Whether a converted lead's enrollment continues on the Contact it became (else it exits as converted).</summary>
    public bool ContinueOnConversion { get; set; } = true;
}
