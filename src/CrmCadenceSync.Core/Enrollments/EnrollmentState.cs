namespace CrmCadenceSync.Core.Enrollments;

public enum EnrollmentState
{
    Active,

    /// <summary>Stopped by an admin or a pausing lifecycle stage; resumes where it left off.</summary>
    Paused,

    /// <summary>Waiting for something to be fixed (for example a missing merge field); see the hold reason.</summary>
    Held,

    Completed,

    Exited,
}
