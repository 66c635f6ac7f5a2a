using System.Net;
using CrmCadenceSync.Core.Crm.Schema;
using CrmCadenceSync.Salesforce.Api;
using CrmCadenceSync.Salesforce.Configuration;
using Refit;

namespace CrmCadenceSync.Salesforce.Schema;

/// <summary>
/// Describes Lead, Contact and Task and compares them with what the configuration reads and writes: every field
/// there, writable where we write it, the sync key an External ID. Optional fields the org lacks are left out of
/// the queries from then on.
/// </summary>
internal sealed class SalesforceSchemaCheck(
    string connection, SalesforceConnectionOptions options, ISalesforceApi api, SalesforceFieldAvailability availability)
{
    public async Task<SchemaReport> RunAsync(CancellationToken cancellationToken)
    {
        var needs = Merge(SalesforceFieldNeeds.For(connection, options));
        var findings = new List<SchemaFinding>();
        foreach (var group in needs.GroupBy(n => n.Entity))
        {
            var fields = await DescribeAsync(group.Key, cancellationToken).ConfigureAwait(false);
            foreach (var need in group)
            {
                if (Check(need, fields) is { } finding)
                {
                    findings.Add(finding);
                }
            }
        }

        availability.Set(findings.Where(f => f.Severity == SchemaSeverity.Optional).Select(f => (f.Entity, f.Field)));
        return new SchemaReport(connection, needs.Count, null, findings);
    }

    /// <summary>The object's fields by name; none when the integration user cannot see the object at all.</summary>
    private async Task<Dictionary<string, SalesforceFieldDescribe>> DescribeAsync(string sObject, CancellationToken cancellationToken)
    {
        try
        {
            var describe = await api.DescribeAsync(options.ApiVersion, sObject, cancellationToken).ConfigureAwait(false);
            return describe.Fields.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        }
        catch (ApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return new Dictionary<string, SalesforceFieldDescribe>(StringComparer.OrdinalIgnoreCase);
        }
    }

    private SchemaFinding? Check(SalesforceFieldNeed need, Dictionary<string, SalesforceFieldDescribe> fields)
    {
        if (!fields.TryGetValue(need.Field, out var field))
        {
            return Finding(need, $"has no field {need.Field}", MissingFix(need));
        }

        var access = $"give the integration user edit access to {need.Entity}.{need.Field} (field-level security in its profile or permission set)";
        if ((need.Create && !field.Createable) || (need.Update && !field.Updateable))
        {
            return Finding(need, $"field {need.Field} is read-only for the integration user", access);
        }

        return need.ExternalId && !field.ExternalId
            ? Finding(need, $"field {need.Field} is not an External ID", $"mark {need.Entity}.{need.Field} as External ID and Unique (crm-plugins/salesforce/ deploys it so)")
            : null;
    }

    private SchemaFinding Finding(SalesforceFieldNeed need, string problem, string fix) =>
        new(connection, need.Entity, need.Field, need.Setting, need.Severity, problem, fix);

    private static string MissingFix(SalesforceFieldNeed need)
    {
        var where = $"{need.Entity}.{need.Field}";
        if (need.Severity == SchemaSeverity.Optional)
        {
            var fallback = need.Setting.EndsWith(":TimeZoneField", StringComparison.Ordinal) ? "; until then the owner's time zone applies" : "";
            return $"create {where} and give the integration user read access, or remove it from {need.Setting}{fallback}";
        }

        if (need.Setting == SalesforceFieldNeeds.BuiltIn)
        {
            return $"give the integration user access to {where} (profile or permission set)";
        }

        return need.Field.EndsWith("__c", StringComparison.OrdinalIgnoreCase)
            ? $"create {where} (crm-plugins/salesforce/ has the connector's own fields) and give the integration user access, or set {need.Setting} to a field {need.Entity} has"
            : $"set {need.Setting} to a field {need.Entity} has, or give the integration user access to {where}";
    }

    /// <summary>One need per object and field: the strictest severity, with its setting, and every way it is written.</summary>
    private static List<SalesforceFieldNeed> Merge(IReadOnlyList<SalesforceFieldNeed> needs) =>
        [.. needs
            .GroupBy(n => (n.Entity, Field: n.Field.ToUpperInvariant()))
            .Select(g =>
            {
                var first = g.OrderBy(n => n.Severity).First();
                return first with { Create = g.Any(n => n.Create), Update = g.Any(n => n.Update), ExternalId = g.Any(n => n.ExternalId) };
            })];
}
