using System.Text.RegularExpressions;
using CrmCadenceSync.Core.Rules;

namespace CrmCadenceSync.Core.Enrollments;

/// <summary>
/// Turns a stored hold reason into the causes an admin can act on, one per missing merge field, each with its fix
/// (the step named by number and id, so the fix can be made in the rule set).
/// </summary>
public static partial class HoldFixes
{
    public const string MissingField = "Missing merge field";

    /// <param name="reason">The enrollment's hold reason, as <see cref="HoldReasons"/> built it.</param>
    /// <param name="cadenceId">The cadence the enrollment runs.</param>
    /// <param name="step">The step it is held at, when the rule set still has it.</param>
    public static IReadOnlyList<HoldCause> For(string? reason, string cadenceId, Step? step)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return [new HoldCause("Held without a recorded reason", null, "Resume or exit the enrollment from the list below.")];
        }

        if (reason.StartsWith(HoldReasons.MissingFields([]), StringComparison.Ordinal))
        {
            return [.. (HoldReasons.FieldsNamed(reason) ?? []).Select(field => new HoldCause(MissingField, field, MissingFieldFix(field, cadenceId, step)))];
        }

        return [reason switch
        {
            HoldReasons.NoOwner => new HoldCause(reason, "owner", "Assign an owner to these contacts in the CRM; the enrollment resumes at the next read."),
            HoldReasons.NoEmailAddress => new HoldCause(reason, "contact.email", "Add an email address to these contacts in the CRM, or exit the enrollments."),
            _ when SenderKey().Match(reason) is { Success: true } sender => new HoldCause(
                reason, "owner.email", $"Give the owning rep an email address in the CRM, or set {sender.Groups["key"].Value} to a sender address for reps without one."),
            _ when reason.StartsWith("The contact's snapshot is missing", StringComparison.Ordinal) => new HoldCause(
                reason, null, "The next poll of the connection stores the contact again; if the contact was deleted in the CRM, exit the enrollments."),
            _ when reason.StartsWith("Cadence '", StringComparison.Ordinal) => new HoldCause(
                reason, null, $"Add cadence '{cadenceId}' back to the rule set, or exit these enrollments."),
            _ => new HoldCause(reason, null, "Fix what the reason names; the enrollment resumes when the contact changes, or exits after Policies:MaxHeldDays."),
        }];
    }

    private static string MissingFieldFix(string field, string cadenceId, Step? step)
    {
        var where = step is null ? $"the step of cadence '{cadenceId}'" : $"step {step.Number} ('{step.Id}') of cadence '{cadenceId}'";
        var dot = field.IndexOf('.', StringComparison.Ordinal);
        var (root, name) = dot < 0 ? ("", field) : (field[..dot].ToLowerInvariant(), field[(dot + 1)..]);
        var source = root switch
        {
            "contact" => $"Add the property {name} to these contacts in the CRM",
            "owner" => $"Fill the {name.Replace('_', ' ')} of the owning rep's user in the CRM",
            "trigger" => $"Send {name} with the trigger event",
            _ => $"Fill {field}",
        };
        var required = step?.RequiredFields?.Contains(field, StringComparer.OrdinalIgnoreCase) == true;
        return required
            ? $"{source}, or take {field} out of RequiredFields in {where} and give it a fallback there."
            : $"{source}, or a fallback in {where}: {{{{default {field} \"…\"}}}} or {{{{#if {field}}}}}…{{{{else}}}}…{{{{/if}}}}.";
    }

    [GeneratedRegex("^The owning rep has no email address and (?<key>\\S+) is not set")]
    private static partial Regex SenderKey();
}
