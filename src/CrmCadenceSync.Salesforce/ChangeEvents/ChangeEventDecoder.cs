using Avro;
using Avro.Generic;
using Avro.IO;

namespace CrmCadenceSync.Salesforce.ChangeEvents;

/// <summary>Reads the <c>ChangeEventHeader</c> out of an Avro-encoded change event, against the schema the event names.</summary>
public static class ChangeEventDecoder
{
    public static ChangeEventHeader DecodeHeader(RecordSchema schema, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(payload);
        using var stream = new MemoryStream(payload, writable: false);
        var record = new GenericDatumReader<GenericRecord>(schema, schema).Read(null!, new BinaryDecoder(stream));
        if (!record.TryGetValue("ChangeEventHeader", out var value) || value is not GenericRecord header)
        {
            throw new InvalidDataException($"The event (schema {schema.Fullname}) has no ChangeEventHeader; it is not a change event.");
        }

        var changed = Strings(header, "changedFields");
        return new ChangeEventHeader(
            Text(header, "entityName") ?? "",
            Text(header, "changeType") ?? throw new InvalidDataException("The ChangeEventHeader has no changeType."),
            Strings(header, "recordIds"),
            changed.Count == 0 ? [] : ChangedFieldsBitmap.Decode(schema, changed),
            header.TryGetValue("commitTimestamp", out var ms) && ms is long millis ? DateTimeOffset.FromUnixTimeMilliseconds(millis) : DateTimeOffset.UnixEpoch,
            Text(header, "transactionKey"));
    }

    private static string? Text(GenericRecord record, string field) =>
        record.TryGetValue(field, out var value) ? value switch
        {
            null => null,
            GenericEnum symbol => symbol.Value,
            _ => value.ToString(),
        } : null;

    private static List<string> Strings(GenericRecord record, string field) =>
        record.TryGetValue(field, out var value) && value is System.Collections.IEnumerable items and not string
            ? [.. items.Cast<object?>().Where(i => i is not null).Select(i => i!.ToString()!)]
            : [];
}
