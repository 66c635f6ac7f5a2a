namespace CrmCadenceSync.Worker.HubSpotApp;

/// <summary>
/// "Enroll this contact in this cadence now", as the Enroll in cadence workflow action needs it. Kept behind this small
/// interface so the shared manual-enrollment service (with the full policy checks) can replace the local one.
/// </summary>
public interface IWorkflowEnrollment
{
    /// <param name="startStep">1-based step to start at; null starts at the first.</param>
    /// <returns>The enrollment the contact is now in (an open one in the same cadence counts), or the reason it was refused.</returns>
    Task<WorkflowEnrollmentResult> EnrollAsync(string connection, string contactCrmId, string cadenceId, int? startStep, string actor, CancellationToken cancellationToken);
}

public sealed record WorkflowEnrollmentResult(Guid? EnrollmentId, string? Refusal);
