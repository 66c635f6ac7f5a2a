using CrmCadenceSync.Core.Consent;
using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Templates;

namespace CrmCadenceSync.Core.Touches;

/// <summary>
/// Decides, at write time, what a due step becomes. Suppression is checked here and not only at enrollment:
/// a contact who opted out after the step was scheduled gets no email.
/// </summary>
public static class TouchPlanner
{
    /// <param name="lastEmailStepAt">When this enrollment's last email step went out; conditions look at engagement since then.</param>
    /// <param name="triggerFields">The triggering event's fields, for an enrollment an external trigger made.</param>
    /// <param name="consent">Which contacts need consent for automated email (<c>Compliance:Consent</c>); none checked when null.</param>
    /// <param name="segment">The enrollment's segment, for per-segment consent rules.</param>
    public static TouchOutcome Prepare(
        Step step,
        Contact contact,
        Owner? owner,
        Cadence cadence,
        RuleSet rules,
        DateTimeOffset? lastEmailStepAt,
        IReadOnlyDictionary<string, string>? triggerFields = null,
        ConsentPolicy? consent = null,
        string? segment = null)
    {
        if (SuppressionFor(step, contact) is { } suppressed)
        {
            return new SkippedTouch(step, suppressed, rules.Policies.OnSuppressedStep == SuppressedStepPolicy.Exit);
        }

        var asRepTask = false;
        if (consent?.Blocks(step, contact, segment) == true)
        {
            if (!consent.RepTaskInstead)
            {
                return new SkippedTouch(step, SkipReason.NoConsent, EndsEnrollment: false);
            }

            asRepTask = true;
        }

        var role = rules.Roles.RoleOf(contact);
        if (role is not null && step.SkipForRoles.Contains(role))
        {
            return new SkippedTouch(step, SkipReason.RoleExcluded, EndsEnrollment: false);
        }

        if (!ConditionsHold(step, contact, lastEmailStepAt))
        {
            return new SkippedTouch(step, SkipReason.ConditionNotMet, EndsEnrollment: false);
        }

        var variant = VariantAssignment.For(step, $"{contact.Connection}:{contact.CrmId}", role);
        var model = TemplateModel.For(contact, owner, cadence, step, triggerFields);
        if (step.RequiredFields is { } required)
        {
            // Declared: only those fields hold the step; any other missing field renders as its fallback or empty.
            var absent = required.Where(field => !model.Resolves(field)).ToList();
            return absent.Count > 0
                ? new HeldTouch(step, absent)
                : new ReadyTouch(step, variant.Subject?.RenderWithGaps(model).Text, variant.Body.RenderWithGaps(model).Text!, variant.Name, asRepTask);
        }

        var subject = variant.Subject?.Render(model);
        var body = variant.Body.Render(model);
        var missing = (subject?.MissingFields ?? []).Concat(body.MissingFields).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return missing.Count > 0
            ? new HeldTouch(step, missing)
            : new ReadyTouch(step, subject?.Text, body.Text!, variant.Name, asRepTask);
    }

    public static SkipReason? SuppressionFor(Step step, Contact contact)
    {
        if (step.SendsEmail && contact.EmailOptOut)
        {
            return SkipReason.EmailOptOut;
        }

        if (step.SendsEmail && contact.EmailBounced)
        {
            return SkipReason.EmailBounced;
        }

        return step.PhonesContact && contact.DoNotCall ? SkipReason.DoNotCall : null;
    }

    private static bool ConditionsHold(Step step, Contact contact, DateTimeOffset? lastEmailStepAt)
    {
        if (step.AfterSignal is { } wait && EngagementSignals.At(contact, wait.Signal, lastEmailStepAt) is null)
        {
            // The step waited for an engagement that did not come in time.
            return false;
        }

        foreach (var condition in step.Conditions)
        {
            if ((EngagementSignals.At(contact, condition.Signal, lastEmailStepAt) is not null) != condition.Expected)
            {
                return false;
            }
        }

        return true;
    }
}
