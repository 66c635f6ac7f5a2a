namespace CrmCadenceSync.Worker.Commands.Doctor;

internal enum DoctorOutcome
{
    Pass,

    /// <summary>Works, with something to know (an optional field missing): does not fail the doctor.</summary>
    Warn,

    Fail,
}
