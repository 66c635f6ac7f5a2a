using CrmCadenceSync.Core.Rules;

namespace CrmCadenceSync.Core.Touches;

/// <summary>Write this touch to the CRM with the rendered subject and body of the contact's variant.</summary>
/// <param name="AsRepTask">An automated email that goes to the rep as a task with the draft instead (no consent to send it automatically).</param>
public sealed record ReadyTouch(Step Step, string? Subject, string Body, string Variant, bool AsRepTask = false) : TouchOutcome(Step);
