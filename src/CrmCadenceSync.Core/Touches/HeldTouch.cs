using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Rules;

namespace CrmCadenceSync.Core.Touches;

/// <summary>The step needs merge fields the contact lacks; the enrollment is held until they are filled.</summary>
public sealed record HeldTouch(Step Step, IReadOnlyList<string> MissingFields) : TouchOutcome(Step)
{
    public string Reason => HoldReasons.MissingFields(MissingFields);
}
