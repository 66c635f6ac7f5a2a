using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace CrmCadenceSync.Core.Contacts;

/// <summary>
/// A contact's extra CRM properties, equal to another set with the same names and values (names compared as the
/// wrapped dictionary compares them, values ordinally), so two reads of an unchanged contact are equal records.
/// </summary>
internal sealed class ContactProperties(IReadOnlyDictionary<string, string?> inner) : IReadOnlyDictionary<string, string?>, IEquatable<ContactProperties>
{
    private readonly IReadOnlyDictionary<string, string?> inner = inner;

    public int Count => inner.Count;

    public IEnumerable<string> Keys => inner.Keys;

    public IEnumerable<string?> Values => inner.Values;

    public string? this[string key] => inner[key];

    public static IReadOnlyDictionary<string, string?> Wrap(IReadOnlyDictionary<string, string?> properties) =>
        properties as ContactProperties ?? new ContactProperties(properties);

    public bool ContainsKey(string key) => inner.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string? value) => inner.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, string?>> GetEnumerator() => inner.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ContactProperties? other)
    {
        if (other is null || other.Count != Count)
        {
            return false;
        }

        if (ReferenceEquals(other.inner, inner))
        {
            return true;
        }

        foreach (var (name, value) in inner)
        {
            if (!other.TryGetValue(name, out var theirs) || !string.Equals(value, theirs, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is ContactProperties other && Equals(other);

    /// <summary>Order-independent; names hash ignoring case so that either side's comparer gives equal hashes for equal sets.</summary>
    public override int GetHashCode()
    {
        var hash = Count;
        foreach (var (name, value) in inner)
        {
            hash ^= HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(name), value is null ? 0 : StringComparer.Ordinal.GetHashCode(value));
        }

        return hash;
    }
}
