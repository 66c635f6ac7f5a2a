namespace CrmCadenceSync.Core.Crm.Schema;

/// <summary>
/// A connector that can compare what its configuration needs with what the CRM has (fields, and the rights to read and
/// write them). Optional fields the CRM lacks are left out of the connector's reads from then on.
/// </summary>
public interface ICrmSchemaCheck
{
    /// <summary>Throws what the connector's calls throw when the CRM cannot be reached or refuses the credentials.</summary>
    Task<SchemaReport> CheckSchemaAsync(CancellationToken cancellationToken);
}
