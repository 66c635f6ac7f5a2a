using CrmCadenceSync.Core.Consent;
using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Templates;

namespace CrmCadenceSync.Core.Touches;

/// <summary>
/// A step as one contact would receive it, for an admin checking a cadence before trusting it: the variant the
/// contact gets, the subject and body with fallbacks applied and missing fields marked, and whether the step would
/// be skipped for this contact today (and why).
/// </summary>
public sealed record StepPreview(
    string StepId, string Variant, string? Subject, string Body, IReadOnlyList<string> MissingFields, SkipReason? WouldSkip)
{
    public static StepPreview For(
        Step step, Contact contact, Owner? owner, Cadence cadence, RuleSet rules, IReadOnlyDictionary<string, string>? triggerFields = null,
        ConsentPolicy? consent = null, string? segment = null)
    {
        var role = rules.Roles.RoleOf(contact);
        var variant = VariantAssignment.For(step, $"{contact.Connection}:{contact.CrmId}", role);
        var model = TemplateModel.For(contact, owner, cadence, step, triggerFields);
        var subject = variant.Subject?.Preview(model);
        var body = variant.Body.Preview(model);
        var skip = TouchPlanner.SuppressionFor(step, contact)
            ?? (consent is { RepTaskInstead: false } && consent.Blocks(step, contact, segment) ? SkipReason.NoConsent : (SkipReason?)null)
            ?? (role is not null && step.SkipForRoles.Contains(role) ? SkipReason.RoleExcluded : null);
        var missing = (subject?.MissingFields ?? []).Concat(body.MissingFields).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return new StepPreview(step.Id, variant.Name, subject?.Text, body.Text!, missing, skip);
    }
}
