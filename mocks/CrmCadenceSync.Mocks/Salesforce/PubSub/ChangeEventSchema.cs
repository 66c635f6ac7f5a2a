using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Avro;
using Avro.Generic;
using Avro.IO;
using CrmCadenceSync.Mocks.Salesforce.State;

namespace CrmCadenceSync.Mocks.Salesforce.PubSub;

/// <summary>
/// The Avro schema of one object's change events, shaped as Salesforce's: <c>ChangeEventHeader</c> first, the compound
/// <c>Name</c> (FirstName, LastName) next, then every other field as a nullable value; changed fields are sent as bitmaps
/// over these positions. The schema id is a hash of the schema text, as opaque as Salesforce's.
/// </summary>
internal sealed class ChangeEventSchema
{
    private static readonly string[] NameParts = ["FirstName", "LastName"];

    private readonly RecordSchema schema;
    private readonly RecordSchema headerSchema;
    private readonly RecordSchema nameSchema;
    private readonly EnumSchema changeTypes;
    private readonly List<string> plainFields;

    public ChangeEventSchema(string sObjectType, IEnumerable<string> fields)
    {
        SObjectType = sObjectType;
        plainFields = [.. fields.Where(f => f != "Id" && !NameParts.Contains(f))];
        Json = SchemaJson(sObjectType, plainFields);
        schema = (RecordSchema)Schema.Parse(Json);
        headerSchema = (RecordSchema)schema.Fields[0].Schema;
        nameSchema = (RecordSchema)((UnionSchema)schema.Fields[1].Schema).Schemas[1];
        changeTypes = (EnumSchema)headerSchema.Fields.Single(f => f.Name == "changeType").Schema;
        Id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Json)))[..22];
    }

    public string SObjectType { get; }

    public string Id { get; }

    public string Json { get; }

    /// <summary>An event for a change to a record: the header, and the values the change set (all of them on create).</summary>
    public byte[] Encode(SandboxRecordChange change, string transactionKey)
    {
        var changed = change.ChangeType == "UPDATE"
            ? change.ChangedFields.Append("LastModifiedDate").Distinct(StringComparer.OrdinalIgnoreCase).ToList()
            : [];
        var record = Record(change.ChangeType, [change.RecordId], Bitmaps(changed), change.CommittedAt, transactionKey);
        if (change.ChangeType is "CREATE" or "UPDATE" or "UNDELETE")
        {
            var all = change.ChangeType != "UPDATE";
            var name = new GenericRecord(nameSchema);
            var anyName = false;
            foreach (var part in NameParts)
            {
                var set = all || changed.Contains(part, StringComparer.OrdinalIgnoreCase);
                name.Add(part, set ? change.Values.GetValueOrDefault(part) as string : null);
                anyName |= set;
            }

            record.Add("Name", anyName ? name : null);
            foreach (var field in plainFields)
            {
                var set = all || changed.Contains(field, StringComparer.OrdinalIgnoreCase);
                record.Add(field, set ? AvroValue(change.Values.GetValueOrDefault(field)) : null);
            }
        }

        return Write(record);
    }

    /// <summary>A gap or overflow event: the header only, no field values.</summary>
    public byte[] EncodeGap(string changeType, IReadOnlyList<string> recordIds, DateTimeOffset at, string transactionKey) =>
        Write(Record(changeType, recordIds, [], at, transactionKey));

    private GenericRecord Record(string changeType, IReadOnlyList<string> recordIds, List<string> changedFields, DateTimeOffset at, string transactionKey)
    {
        var header = new GenericRecord(headerSchema);
        header.Add("entityName", SObjectType);
        header.Add("recordIds", recordIds.Cast<object>().ToArray());
        header.Add("changeType", new GenericEnum(changeTypes, changeType));
        header.Add("changeOrigin", "com/salesforce/api/rest/62.0");
        header.Add("transactionKey", transactionKey);
        header.Add("sequenceNumber", 1);
        header.Add("commitTimestamp", at.ToUnixTimeMilliseconds());
        header.Add("commitNumber", at.UtcTicks);
        header.Add("commitUser", "005SB0000000001EAA");
        header.Add("nulledFields", Array.Empty<object>());
        header.Add("diffFields", Array.Empty<object>());
        header.Add("changedFields", changedFields.Cast<object>().ToArray());
        var record = new GenericRecord(schema);
        record.Add("ChangeEventHeader", header);
        record.Add("Name", null);
        foreach (var field in plainFields)
        {
            record.Add(field, null);
        }

        return record;
    }

    /// <summary>Salesforce's encoding: <c>0x…</c> over top-level positions, and <c>p-0x…</c> over the fields of compound field p.</summary>
    private List<string> Bitmaps(List<string> changed)
    {
        if (changed.Count == 0)
        {
            return [];
        }

        var top = BigInteger.Zero;
        var nested = BigInteger.Zero;
        foreach (var field in changed)
        {
            var part = Array.FindIndex(NameParts, p => string.Equals(p, field, StringComparison.OrdinalIgnoreCase));
            if (part >= 0)
            {
                nested |= BigInteger.One << part;
                top |= BigInteger.One << 1;
                continue;
            }

            var position = plainFields.FindIndex(f => string.Equals(f, field, StringComparison.OrdinalIgnoreCase));
            if (position >= 0)
            {
                top |= BigInteger.One << (position + 2);
            }
        }

        List<string> bitmaps = [Hex(top)];
        if (!nested.IsZero)
        {
            bitmaps.Add($"1-{Hex(nested)}");
        }

        return bitmaps;
    }

    private static string Hex(BigInteger value) => "0x" + value.ToString("X", CultureInfo.InvariantCulture).TrimStart('0').PadLeft(2, '0');

    private static object? AvroValue(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b,
        decimal d => (double)d,
        DateTimeOffset t => t.ToUnixTimeMilliseconds(),
        DateOnly d => d.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static string AvroType(string field) => SalesforceSchema.TypeOf(field) switch
    {
        "boolean" => "boolean",
        "double" => "double",
        "datetime" => "long",
        "date" => "int",
        _ => "string",
    };

    private byte[] Write(GenericRecord record)
    {
        using var stream = new MemoryStream();
        new GenericDatumWriter<GenericRecord>(schema).Write(record, new BinaryEncoder(stream));
        return stream.ToArray();
    }

    private static string SchemaJson(string sObjectType, List<string> fields)
    {
        static JsonObject Nullable(string name, JsonNode type) =>
            new() { ["name"] = name, ["type"] = new JsonArray("null", type), ["default"] = null };

        static JsonObject Array(string name) =>
            new() { ["name"] = name, ["type"] = new JsonObject { ["type"] = "array", ["items"] = "string" } };

        var header = new JsonObject
        {
            ["type"] = "record",
            ["name"] = "ChangeEventHeader",
            ["fields"] = new JsonArray(
                new JsonObject { ["name"] = "entityName", ["type"] = "string" },
                Array("recordIds"),
                new JsonObject
                {
                    ["name"] = "changeType",
                    ["type"] = new JsonObject
                    {
                        ["type"] = "enum",
                        ["name"] = "ChangeType",
                        ["symbols"] = new JsonArray("CREATE", "UPDATE", "DELETE", "UNDELETE", "GAP_CREATE", "GAP_UPDATE", "GAP_DELETE", "GAP_UNDELETE", "GAP_OVERFLOW", "SNAPSHOT"),
                    },
                },
                new JsonObject { ["name"] = "changeOrigin", ["type"] = "string" },
                new JsonObject { ["name"] = "transactionKey", ["type"] = "string" },
                new JsonObject { ["name"] = "sequenceNumber", ["type"] = "int" },
                new JsonObject { ["name"] = "commitTimestamp", ["type"] = "long" },
                new JsonObject { ["name"] = "commitNumber", ["type"] = "long" },
                new JsonObject { ["name"] = "commitUser", ["type"] = "string" },
                Array("nulledFields"),
                Array("diffFields"),
                Array("changedFields")),
        };
        var name = new JsonObject
        {
            ["type"] = "record",
            ["name"] = "Switchable_PersonName",
            ["fields"] = new JsonArray(Nullable("FirstName", "string"), Nullable("LastName", "string")),
        };
        var all = new JsonArray(new JsonObject { ["name"] = "ChangeEventHeader", ["type"] = header }, Nullable("Name", name));
        foreach (var field in fields)
        {
            all.Add(Nullable(field, AvroType(field)));
        }

        return new JsonObject
        {
            ["type"] = "record",
            ["name"] = $"{sObjectType}ChangeEvent",
            ["namespace"] = "com.sforce.eventbus",
            ["fields"] = all,
        }.ToJsonString();
    }
}
