using System.Text.Json;
using System.Text.Json.Serialization;
using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Worker.Email;

namespace CrmCadenceSync.Worker.Outbox;

/// <summary>Builds outbox rows from CRM writes and reads them back.</summary>
public static class OutboxPayload
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new JsonStringEnumConverter() } };

    public static OutboxEntity For(string connection, CrmActivity activity, Guid? enrollmentId, DateTimeOffset now) => new()
    {
        Connection = connection,
        IdempotencyKey = activity.IdempotencyKey,
        WriteType = activity.Kind switch
        {
            CrmActivityKind.LoggedEmail => WriteType.LoggedEmail,
            CrmActivityKind.Note => WriteType.Note,
            _ => WriteType.Task,
        },
        PayloadJson = JsonSerializer.Serialize(activity, Options),
        EnrollmentId = enrollmentId,
        ContactCrmId = activity.ContactCrmId,
        OwnerId = activity.Kind == CrmActivityKind.Task ? activity.OwnerId : null,
        RepLocalDate = activity.Kind == CrmActivityKind.Task ? activity.RepLocalDueDate : null,
        State = OutboxState.Pending,
        CreatedAt = now,
        AvailableAt = now,
    };

    public static OutboxEntity For(string connection, ContactStatus status, Guid? enrollmentId, DateTimeOffset now) => new()
    {
        Connection = connection,
        IdempotencyKey = status.IdempotencyKey,
        WriteType = WriteType.ContactStatus,
        PayloadJson = JsonSerializer.Serialize(status, Options),
        EnrollmentId = enrollmentId,
        ContactCrmId = status.ContactCrmId,
        State = OutboxState.Pending,
        CreatedAt = now,
        AvailableAt = now,
    };

    public static OutboxEntity For(string connection, string key, EmailSend email, Guid enrollmentId, DateTimeOffset now) => new()
    {
        Connection = connection,
        IdempotencyKey = key,
        WriteType = WriteType.Email,
        PayloadJson = JsonSerializer.Serialize(email, Options),
        EnrollmentId = enrollmentId,
        ContactCrmId = email.Log.ContactCrmId,
        OwnerId = email.Log.OwnerId,
        RepLocalDate = email.Log.RepLocalDueDate,
        State = OutboxState.Pending,
        CreatedAt = now,
        AvailableAt = now,
    };

    public static OutboxEntity For(string connection, CloseTaskWrite close, Guid? enrollmentId, string contactCrmId, DateTimeOffset now) => new()
    {
        Connection = connection,
        IdempotencyKey = close.IdempotencyKey,
        WriteType = WriteType.CloseTask,
        PayloadJson = JsonSerializer.Serialize(close, Options),
        EnrollmentId = enrollmentId,
        ContactCrmId = contactCrmId,
        State = OutboxState.Pending,
        CreatedAt = now,
        AvailableAt = now,
    };

    public static OutboxEntity For(string connection, EmailOptOut optOut, Guid? enrollmentId, DateTimeOffset now) => new()
    {
        Connection = connection,
        IdempotencyKey = optOut.IdempotencyKey,
        WriteType = WriteType.EmailOptOut,
        PayloadJson = JsonSerializer.Serialize(optOut, Options),
        EnrollmentId = enrollmentId,
        ContactCrmId = optOut.ContactCrmId,
        State = OutboxState.Pending,
        CreatedAt = now,
        AvailableAt = now,
    };

    public static EmailOptOut OptOut(OutboxEntity row) =>
        JsonSerializer.Deserialize<EmailOptOut>(row.PayloadJson, Options)
        ?? throw new InvalidDataException($"Outbox row {row.Id} holds no opt-out.");

    public static CloseTaskWrite CloseTask(OutboxEntity row) =>
        JsonSerializer.Deserialize<CloseTaskWrite>(row.PayloadJson, Options)
        ?? throw new InvalidDataException($"Outbox row {row.Id} holds no task to close.");

    public static EmailSend Email(OutboxEntity row) => Email(row.Id, row.PayloadJson);

    public static EmailSend Email(long rowId, string payloadJson) =>
        JsonSerializer.Deserialize<EmailSend>(payloadJson, Options)
        ?? throw new InvalidDataException($"Outbox row {rowId} holds no email.");

    public static CrmActivity Activity(OutboxEntity row) =>
        JsonSerializer.Deserialize<CrmActivity>(row.PayloadJson, Options)
        ?? throw new InvalidDataException($"Outbox row {row.Id} holds no activity.");

    /// <summary>
    /// Points a queued write at another record of the same connection (a merge's survivor, the Contact a lead became):
    /// the row's contact and the contact its payload names. Task closings name the task, not the person, and stay.
    /// </summary>
    public static void MoveTo(OutboxEntity row, string crmId, ContactRecordType recordType)
    {
        ArgumentNullException.ThrowIfNull(row);
        row.PayloadJson = row.WriteType switch
        {
            WriteType.ContactStatus => JsonSerializer.Serialize(Status(row) with { ContactCrmId = crmId, ContactRecordType = recordType }, Options),
            WriteType.Email => JsonSerializer.Serialize(Email(row) with { Log = Moved(Email(row).Log, crmId, recordType) }, Options),
            WriteType.CloseTask => row.PayloadJson,
            _ => JsonSerializer.Serialize(Moved(Activity(row), crmId, recordType), Options),
        };
        if (row.WriteType != WriteType.CloseTask)
        {
            row.ContactCrmId = crmId;
        }
    }

    private static CrmActivity Moved(CrmActivity activity, string crmId, ContactRecordType recordType) =>
        activity with { ContactCrmId = crmId, ContactRecordType = recordType };

    public static ContactStatus Status(OutboxEntity row) =>
        JsonSerializer.Deserialize<ContactStatus>(row.PayloadJson, Options)
        ?? throw new InvalidDataException($"Outbox row {row.Id} holds no contact status.");
}
