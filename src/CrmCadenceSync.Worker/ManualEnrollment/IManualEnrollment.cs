namespace CrmCadenceSync.Worker.ManualEnrollment;

/// <summary>
/// Enrolls named contacts into a named cadence under the automatic policy (Core <c>ManualEnrollmentRules</c>). Shared by
/// the admin API and page and by CRM automations (Salesforce Flow through External Services, HubSpot workflow actions).
/// </summary>
public interface IManualEnrollment
{
    /// <summary>Checks the request; a problem with the request itself (unknown cadence or step) enrolls nobody.</summary>
    /// <returns>The problems, each naming the input; empty when the request can run.</returns>
    IReadOnlyDictionary<string, string[]> Validate(ManualEnrollmentRequest request);

    /// <summary>One result per contact named, in the order named; each contact is committed on its own, with its audit row.</summary>
    /// <param name="actor">Who asked (the API key's name), for the audit log.</param>
    Task<ManualEnrollmentResult> EnrollAsync(ManualEnrollmentRequest request, string actor, CancellationToken cancellationToken);
}
