using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Simulation.Engine.History;

namespace CrmCadenceSync.Simulation.Engine.Invariants;

/// <summary>
/// No touch after its enrollment ended; none by email to an address opted out or bounced, none by phone or SMS to a
/// do-not-call number, and none at all to a deleted or merged contact, once the change was in the CRM before the cycle
/// that wrote the touch (every cycle reads the CRM before it writes).
/// </summary>
public sealed class SuppressionInvariant : ISimInvariant
{
    public string Name => "Suppression";

    public void Check(SimHistory history, HourCheck hour, List<string> violations)
    {
        foreach (var touch in hour.NewTouches)
        {
            if (history.Enrollments.TryGetValue(touch.EnrollmentId, out var enrollment) && enrollment.EndedAt is { } ended && ended < touch.WrittenAt)
            {
                violations.Add(SpacingInvariant.Line(touch, $"written {touch.WrittenAt:u} after its enrollment ended {ended:u} ({enrollment.ExitReason ?? enrollment.State})"));
            }

            if (!history.Truth.TryGetValue((touch.Connection, touch.ContactId), out var truth) || enrollment is null
                || history.CadenceOf(enrollment.Version, enrollment.CadenceId) is not { } cadence
                || cadence.Steps.FirstOrDefault(s => s.Id == touch.StepId) is not { } step)
            {
                continue;
            }

            Before(truth.DeletedAt, "the contact was deleted or merged");
            if (step.SendsEmail)
            {
                Before(truth.OptedOutAt, "the contact opted out of email");
                Before(truth.BouncedAt, "the contact's email bounced");
            }

            if (step.PhonesContact)
            {
                Before(truth.DoNotCallAt, "the contact is do-not-call");
            }

            void Before(DateTimeOffset? at, string what)
            {
                if (at is { } since && since < touch.WrittenAt)
                {
                    violations.Add(SpacingInvariant.Line(touch, $"{step.Channel} touch written {touch.WrittenAt:u} but {what} at {since:u}"));
                }
            }
        }
    }
}
