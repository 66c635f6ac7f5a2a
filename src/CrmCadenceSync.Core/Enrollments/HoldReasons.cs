using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Templates;

namespace CrmCadenceSync.Core.Enrollments;

/// <summary>
/// The reasons an enrollment is held, and the contact fields each names: a held enrollment resumes only when one of
/// them changed, so re-reading an unchanged contact (or one changed elsewhere) does not resume and re-hold it.
/// </summary>
public static class HoldReasons
{
    public const string NoOwner = "The contact has no owner to assign tasks to";

    public const string NoEmailAddress = "The contact has no email address";

    private const string MissingFieldsPrefix = "Missing merge fields: ";

    /// <summary>Names the owner: any change of owner may bring what the rep lacked.</summary>
    private const string OwnerField = "owner";

    public static string MissingFields(IEnumerable<string> fields) => MissingFieldsPrefix + string.Join(", ", fields);

    public static string NoSenderAddress(string fallbackKey) => $"The owning rep has no email address and {fallbackKey} is not set";

    /// <summary>
    /// The fields a hold reason names (merge-field paths such as <c>contact.company</c>, or <c>owner</c>); empty when no
    /// contact change can lift the hold; null for a reason this class did not build (then any change of the contact may).
    /// </summary>
    public static IReadOnlyList<string>? FieldsNamed(string? reason) => reason switch
    {
        null => null,
        NoOwner => [OwnerField],
        NoEmailAddress => ["contact.email"],
        _ when reason.StartsWith(MissingFieldsPrefix, StringComparison.Ordinal) =>
            [.. reason[MissingFieldsPrefix.Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
        _ when reason.StartsWith("The owning rep has no email address", StringComparison.Ordinal) => [OwnerField],
        _ when reason.StartsWith("The contact's snapshot is missing", StringComparison.Ordinal) || reason.StartsWith("Cadence '", StringComparison.Ordinal) => [],
        _ => null,
    };

    /// <summary>Whether the contact changed in a field the hold reason names (see <see cref="FieldsNamed"/>).</summary>
    public static bool Lifted(string? reason, Contact before, Contact after)
    {
        if (FieldsNamed(reason) is not { } fields)
        {
            return before != after;
        }

        foreach (var field in fields)
        {
            if (Changed(field, before, after))
            {
                return true;
            }
        }

        return false;
    }

    /// <remarks>
    /// An <c>owner.*</c> field comes from the owning rep, so a new owner may have it. <c>trigger.*</c>, <c>cadence.*</c> and
    /// <c>step.*</c> fields never change with the contact: such a hold lasts until <c>Policies:MaxHeldDays</c> ends it.
    /// </remarks>
    private static bool Changed(string field, Contact before, Contact after)
    {
        if (field.Equals(OwnerField, StringComparison.OrdinalIgnoreCase) || field.StartsWith(OwnerField + ".", StringComparison.OrdinalIgnoreCase))
        {
            return !string.Equals(before.OwnerId, after.OwnerId, StringComparison.Ordinal);
        }

        const string contactPrefix = "contact.";
        if (field.StartsWith(contactPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return ContactFieldChanged(field[contactPrefix.Length..], before, after);
        }

        // A bare name (a template path the renderer could not tell) may be the contact's field or the owner's.
        return !field.Contains('.', StringComparison.Ordinal)
            && (ContactFieldChanged(field, before, after) || !string.Equals(before.OwnerId, after.OwnerId, StringComparison.Ordinal));
    }

    private static bool ContactFieldChanged(string name, Contact before, Contact after) =>
        !string.Equals(TemplateModel.ContactValue(before, name), TemplateModel.ContactValue(after, name), StringComparison.Ordinal);
}
