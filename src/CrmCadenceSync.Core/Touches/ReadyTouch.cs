using CrmCadenceSync.Core.Rules;

namespace CrmCadenceSync.Core.Touches;

/// <summary>Write this touch to the CRM with the rendered subject and body of the contact's variant.</summary>
public sealed record ReadyTouch(Step Step, string? Subject, string Body, string Variant) : TouchOutcome(Step);
