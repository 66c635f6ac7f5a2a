using System.Globalization;
using Avro;

namespace CrmCadenceSync.Salesforce.ChangeEvents;

/// <summary>
/// Decodes <c>changedFields</c> (also <c>nulledFields</c> and <c>diffFields</c>) as the Pub/Sub API sends them: not names
/// but bitmaps over the event schema's field positions. An entry <c>0x…</c> is a hexadecimal number whose bit <c>i</c>
/// (least significant first) marks top-level field <c>i</c>; an entry <c>p-0x…</c> does the same over the fields of the
/// compound field at position <c>p</c> (such as Name), named <c>Parent.Child</c>.
/// </summary>
public static class ChangedFieldsBitmap
{
    public static IReadOnlyList<string> Decode(RecordSchema schema, IEnumerable<string> bitmaps)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(bitmaps);
        var names = new List<string>();
        foreach (var entry in bitmaps)
        {
            var dash = entry.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                names.AddRange(SetBits(entry, entry).Select(i => FieldAt(schema, i, entry).Name));
                continue;
            }

            if (!int.TryParse(entry.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var parentPosition))
            {
                throw new InvalidDataException($"changedFields entry '{entry}' has no parent field position before '-'.");
            }

            var parent = FieldAt(schema, parentPosition, entry);
            var nested = RecordOf(parent.Schema)
                ?? throw new InvalidDataException($"changedFields entry '{entry}' names field {parentPosition} ({parent.Name}), which is not a compound field.");

            // The parts say more than the compound's own bit.
            names.Remove(parent.Name);
            names.AddRange(SetBits(entry[(dash + 1)..], entry).Select(i => $"{parent.Name}.{FieldAt(nested, i, entry).Name}"));
        }

        return names;
    }

    /// <summary>The positions of the set bits of a <c>0x…</c> number, lowest first.</summary>
    private static List<int> SetBits(string hex, string entry)
    {
        if (!hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || hex.Length == 2)
        {
            throw new InvalidDataException($"changedFields entry '{entry}' is not a 0x… bitmap.");
        }

        var digits = hex.AsSpan(2);
        var positions = new List<int>();
        for (var d = 0; d < digits.Length; d++)
        {
            var c = digits[digits.Length - 1 - d];
            if (!int.TryParse(c.ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var nibble))
            {
                throw new InvalidDataException($"changedFields entry '{entry}' has a character '{c}' that is not hexadecimal.");
            }

            for (var bit = 0; bit < 4; bit++)
            {
                if ((nibble & (1 << bit)) != 0)
                {
                    positions.Add((d * 4) + bit);
                }
            }
        }

        return positions;
    }

    private static Field FieldAt(RecordSchema schema, int position, string entry) =>
        position < schema.Fields.Count
            ? schema.Fields[position]
            : throw new InvalidDataException($"changedFields entry '{entry}' marks field {position}, but schema {schema.Fullname} has {schema.Fields.Count} fields.");

    /// <summary>The record inside a field's type: the type itself, or the non-null branch of a nullable union.</summary>
    internal static RecordSchema? RecordOf(Avro.Schema schema) => schema switch
    {
        RecordSchema record => record,
        UnionSchema union => union.Schemas.OfType<RecordSchema>().FirstOrDefault(),
        _ => null,
    };
}
