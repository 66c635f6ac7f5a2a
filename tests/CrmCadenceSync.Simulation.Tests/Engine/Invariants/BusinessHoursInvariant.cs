using CrmCadenceSync.Core.Scheduling;
using CrmCadenceSync.Simulation.Engine.History;

namespace CrmCadenceSync.Simulation.Engine.Invariants;

/// <summary>
/// Every touch is due inside business days and hours in the contact's zone, holidays excluded, whatever its timing form.
/// A Salesforce task holds only its day (ActivityDate), which must be a business day.
/// </summary>
public sealed class BusinessHoursInvariant : ISimInvariant
{
    public string Name => "BusinessHours";

    public void Check(SimHistory history, HourCheck hour, List<string> violations)
    {
        foreach (var touch in hour.NewTouches)
        {
            if (!history.Enrollments.TryGetValue(touch.EnrollmentId, out var enrollment)
                || history.CadenceOf(enrollment.Version, enrollment.CadenceId) is not { } cadence)
            {
                continue;
            }

            var local = ZonedTime.ToLocal(touch.DueAt, ZoneOf.Contact(history, touch, cadence));
            if (!cadence.Calendar.IsOpen(local))
            {
                violations.Add(SpacingInvariant.Line(touch, $"due {local:ddd yyyy-MM-dd HH:mm} local, outside business days and hours"));
            }
            else if (!cadence.Calendar.IsBusinessDay(touch.RepDate))
            {
                violations.Add(SpacingInvariant.Line(touch, $"its rep-local day {touch.RepDate:ddd yyyy-MM-dd} is not a business day"));
            }
        }
    }
}
