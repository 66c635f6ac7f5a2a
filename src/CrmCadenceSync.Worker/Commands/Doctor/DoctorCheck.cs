namespace CrmCadenceSync.Worker.Commands.Doctor;

/// <summary>One line of the checklist, with the details (missing fields, each in one line) printed under it.</summary>
internal sealed record DoctorCheck(string Name, DoctorOutcome Outcome, string Summary, IReadOnlyList<string> Details)
{
    public static DoctorCheck Pass(string name, string summary) => new(name, DoctorOutcome.Pass, summary, []);

    public static DoctorCheck Fail(string name, string summary, params IReadOnlyList<string> details) => new(name, DoctorOutcome.Fail, summary, details);
}
