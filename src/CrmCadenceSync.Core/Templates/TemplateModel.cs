using System.Globalization;
using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Rules;

namespace CrmCadenceSync.Core.Templates;

/// <summary>
/// The merge fields a template sees: <c>contact.*</c> (canonical fields in snake_case plus every CRM property
/// by its own name), <c>owner.*</c>, <c>cadence.*</c> and <c>step.*</c>. Empty values are left out, so a template
/// that needs them is held rather than rendered with a hole.
/// </summary>
public sealed class TemplateModel
{
    private TemplateModel(Dictionary<string, object?> values) => Values = values;

    internal Dictionary<string, object?> Values { get; }

    /// <param name="triggerFields">The fields of the event that enrolled the contact, if a trigger did (<c>trigger.*</c>).</param>
    public static TemplateModel For(Contact contact, Owner? owner, Cadence cadence, Step step, IReadOnlyDictionary<string, string>? triggerFields = null)
    {
        var contactFields = ContactFields(contact);

        var ownerFields = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (owner is not null)
        {
            Put(ownerFields, "first_name", owner.FirstName);
            Put(ownerFields, "last_name", owner.LastName);
            Put(ownerFields, "full_name", FullName(owner.FirstName, owner.LastName));
            Put(ownerFields, "email", owner.Email);
        }

        return new TemplateModel(new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["contact"] = contactFields,
            ["owner"] = ownerFields,
            ["cadence"] = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
            {
                ["id"] = cadence.Id,
                ["name"] = cadence.Name,
                ["goal"] = cadence.Goal,
            },
            ["step"] = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
            {
                ["id"] = step.Id,
                ["number"] = step.Number,
                ["of"] = cadence.Steps.Count,
            },
            ["trigger"] = (triggerFields ?? new Dictionary<string, string>())
                .Where(f => !string.IsNullOrWhiteSpace(f.Value))
                .ToDictionary(f => f.Key, f => (object?)f.Value, StringComparer.OrdinalIgnoreCase),
        });
    }

    /// <summary>The value a <c>contact.*</c> merge field (<paramref name="name"/> without the prefix) reads, or null when it is empty.</summary>
    public static string? ContactValue(Contact contact, string name) =>
        ContactFields(contact).TryGetValue(name, out var value) ? value as string : null;

    private static Dictionary<string, object?> ContactFields(Contact contact)
    {
        var fields = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in contact.Properties)
        {
            Put(fields, name, value);
        }

        Put(fields, "first_name", contact.FirstName);
        Put(fields, "last_name", contact.LastName);
        Put(fields, "full_name", FullName(contact.FirstName, contact.LastName));
        Put(fields, "email", contact.Email);
        Put(fields, "company", contact.Company);
        Put(fields, "title", contact.Title);
        Put(fields, "country", contact.Country);
        Put(fields, "lead_source", contact.LeadSource);
        Put(fields, "lifecycle_stage", contact.LifecycleStage);
        Put(fields, "lead_score", contact.LeadScore?.ToString("0.##", CultureInfo.InvariantCulture));
        return fields;
    }

    /// <summary>True when a dotted path such as <c>contact.company</c> names a value in the model.</summary>
    internal bool Resolves(string path)
    {
        object? current = Values;
        foreach (var segment in path.Split('.'))
        {
            if (current is not Dictionary<string, object?> fields || !fields.TryGetValue(segment, out current))
            {
                return false;
            }
        }

        return current is not null;
    }

    private static void Put(Dictionary<string, object?> fields, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            fields[name] = value;
        }
    }

    private static string? FullName(string? first, string? last) =>
        string.Join(' ', new[] { first, last }.Where(part => !string.IsNullOrWhiteSpace(part))) is { Length: > 0 } name
            ? name
            : null;
}
