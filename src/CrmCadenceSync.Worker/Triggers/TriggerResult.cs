namespace CrmCadenceSync.Worker.Triggers;

/// <param name="Matched">Stored contacts the trigger's filter selected.</param>
/// <param name="Enrolled">Those enrolled now; the others were already in a cadence or cannot be contacted.</param>
/// <param name="Duplicate">True when this event id was received before; nobody is enrolled twice.</param>
public sealed record TriggerResult(string Trigger, string EventId, int Matched, int Enrolled, bool Duplicate);
