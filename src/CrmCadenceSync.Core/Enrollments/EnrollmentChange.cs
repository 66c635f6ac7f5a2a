namespace CrmCadenceSync.Core.Enrollments;

/// <summary>The rows a decision touches: the existing enrollment as changed, and a new one if it starts one.</summary>
public sealed record EnrollmentChange(Enrollment? Updated, Enrollment? Started)
{
    public static readonly EnrollmentChange None = new(null, null);
}
