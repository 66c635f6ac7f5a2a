using CrmCadenceSync.Core.Crm.Schema;

namespace CrmCadenceSync.Salesforce.Schema;

/// <summary>A field the configuration reads or writes on one object, and the setting that asked for it.</summary>
/// <param name="Create">Written on create (Task fields).</param>
/// <param name="Update">Written on update (the CCS_* status fields, the sync key an upsert may update).</param>
/// <param name="ExternalId">Must be an External ID: upserts match on it.</param>
internal sealed record SalesforceFieldNeed(
    string Entity, string Field, string Setting, SchemaSeverity Severity, bool Create = false, bool Update = false, bool ExternalId = false);
