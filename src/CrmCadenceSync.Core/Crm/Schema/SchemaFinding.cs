namespace CrmCadenceSync.Core.Crm.Schema;

/// <summary>
/// Something the configuration asks of a CRM that the CRM does not have: a field or property, or the right to read or
/// write it. <see cref="Line"/> says it all in one line: connection, object, field, the setting that asked, the fix.
/// </summary>
/// <param name="Entity">The CRM object (Lead, contacts) or, for a scope, the token.</param>
/// <param name="Field">The field, property or scope.</param>
/// <param name="Setting">The configuration key that asked for it.</param>
/// <param name="Problem">What is wrong, completing "{Entity} …" (for example "has no field Quiz_Timeline__c").</param>
/// <param name="Fix">What an admin does about it.</param>
public sealed record SchemaFinding(
    string Connection, string Entity, string Field, string Setting, SchemaSeverity Severity, string Problem, string Fix)
{
    public string Line =>
        $"Connection {Connection}: {Entity} {Problem} (asked for by {Setting}){(Severity == SchemaSeverity.Optional ? "; read without it" : "")}; fix: {Fix}";
}
