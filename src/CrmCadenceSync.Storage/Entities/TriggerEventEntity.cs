namespace CrmCadenceSync.Storage.Entities;

/// <summary>An external trigger's event, stored once per event id so a resent event enrolls nobody twice.</summary>
public sealed class TriggerEventEntity
{
    public long Id { get; set; }

    public required string Trigger { get; set; }

    public required string EventId { get; set; }

    public required string FieldsJson { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public int Matched { get; set; }

    public int Enrolled { get; set; }
}
