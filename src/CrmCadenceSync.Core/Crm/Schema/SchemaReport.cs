namespace CrmCadenceSync.Core.Crm.Schema;

/// <summary>What one connection's check compared: how many fields and scopes it looked at, and what is missing.</summary>
/// <param name="Scopes">The token's scopes, where the CRM tells them (HubSpot); null where it does not.</param>
public sealed record SchemaReport(string Connection, int FieldsChecked, IReadOnlyList<string>? Scopes, IReadOnlyList<SchemaFinding> Findings)
{
    /// <summary>What stops start-up; set-up has run by then, so the connector's own fields still missing count too.</summary>
    public IEnumerable<SchemaFinding> Required => Findings.Where(f => f.Severity != SchemaSeverity.Optional);

    public IEnumerable<SchemaFinding> Optional => Findings.Where(f => f.Severity == SchemaSeverity.Optional);
}
