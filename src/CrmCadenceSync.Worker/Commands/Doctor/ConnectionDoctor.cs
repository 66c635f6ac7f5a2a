using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Core.Crm.Schema;
using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Connections.Schema;
using CrmCadenceSync.Worker.Resilience;

namespace CrmCadenceSync.Worker.Commands.Doctor;

/// <summary>
/// The checklist of one connection: reachable, authenticated, scopes, fields, webhook or Outbound Message settings,
/// time zones. Reads only: nothing is created or written in the CRM or the store.
/// </summary>
internal sealed class ConnectionDoctor(ConfiguredConnection connection, ICrmConnector connector, SchemaCheckRunner schema, HttpClient http)
{
    public async Task<IReadOnlyList<DoctorCheck>> RunAsync(CancellationToken cancellationToken)
    {
        var checks = new List<DoctorCheck> { await ReachableAsync(cancellationToken) };
        if (checks[0].Outcome == DoctorOutcome.Fail)
        {
            return checks;
        }

        IReadOnlyList<Owner> owners;
        try
        {
            owners = await connector.ReadOwnersAsync(cancellationToken);
            checks.Add(DoctorCheck.Pass("authenticated", $"signed in; {owners.Count} reps read"));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            checks.Add(DoctorCheck.Fail("authenticated", $"the CRM refused or failed: {Faults.Describe(e)}"));
            return checks;
        }

        checks.AddRange(await SchemaAsync(cancellationToken));
        checks.Add(Webhooks());
        checks.Add(TimeZones(owners));
        return checks;
    }

    private string Address =>
        connection.Section["BaseUrl"] ?? connection.Section["InstanceUrl"] ?? connection.Section["LoginUrl"]
        ?? (connection.Kind == "HubSpot" ? "https://api.hubapi.com" : "https://login.salesforce.com");

    /// <summary>Any HTTP answer from the CRM's address counts: the network path and TLS work.</summary>
    private async Task<DoctorCheck> ReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(Address), cancellationToken);
            return DoctorCheck.Pass("reachable", $"{Address} answered {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            return DoctorCheck.Fail("reachable", $"{Address} did not answer: {e.Message}");
        }
    }

    private async Task<IReadOnlyList<DoctorCheck>> SchemaAsync(CancellationToken cancellationToken)
    {
        SchemaReport report;
        try
        {
            if (schema.Find(connection.Name) is not { } check)
            {
                return [DoctorCheck.Pass("fields", "this connector has no schema check")];
            }

            report = await check.CheckSchemaAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return [DoctorCheck.Fail("fields", $"could not be read: {Faults.Describe(e)}")];
        }

        var scopeFindings = report.Findings.Where(f => f.Entity == "token").ToList();
        var fieldFindings = report.Findings.Except(scopeFindings).ToList();
        var scopes = report.Scopes is null
            ? DoctorCheck.Pass("scopes", connection.Kind == "Salesforce"
                ? "Salesforce grants per field: read and edit access is checked with the fields"
                : "the CRM does not report the token's scopes")
            : scopeFindings.Count == 0
                ? DoctorCheck.Pass("scopes", $"{report.Scopes.Count} granted, every scope the worker calls for among them")
                : DoctorCheck.Fail("scopes", $"{scopeFindings.Count} missing", [.. scopeFindings.Select(f => f.Line)]);
        var created = fieldFindings.Count(f => f.Severity == SchemaSeverity.CreatedAtStartup);
        var later = created == 0 ? "" : $"; {created} of the worker's own will be created at its first start";
        fieldFindings = [.. fieldFindings.Where(f => f.Severity != SchemaSeverity.CreatedAtStartup)];
        var required = fieldFindings.Where(f => f.Severity == SchemaSeverity.Required).ToList();
        var fields = required.Count > 0
            ? DoctorCheck.Fail("fields", $"{report.FieldsChecked} checked, {required.Count} a cadence needs missing or not writable{later}", [.. fieldFindings.Select(f => f.Line)])
            : fieldFindings.Count > 0
                ? new DoctorCheck("fields", DoctorOutcome.Warn, $"{report.FieldsChecked} checked, {fieldFindings.Count} optional missing (read without them){later}", [.. fieldFindings.Select(f => f.Line)])
                : DoctorCheck.Pass("fields", $"{report.FieldsChecked} checked, all there and writable where written{later}");
        return [scopes, fields];
    }

    /// <summary>What can be checked from here: the secret HubSpot signs with, the org id Outbound Messages are checked against.</summary>
    private DoctorCheck Webhooks()
    {
        var key = $"{ConfiguredConnection.SectionName}:{connection.Name}";
        if (connection.Kind == "HubSpot")
        {
            return string.IsNullOrWhiteSpace(connection.Section["WebhookSecret"])
                ? DoctorCheck.Fail("webhooks", $"{key}:WebhookSecret is empty: webhooks cannot be verified and are refused; set it to the app's client secret")
                : DoctorCheck.Pass("webhooks", "signatures (v3) are checked with the configured WebhookSecret; subscriptions are set in the app's settings");
        }

        var organization = connection.Section["OrganizationId"] ?? "";
        return organization.Length is 15 or 18 && organization.StartsWith("00D", StringComparison.Ordinal)
            ? DoctorCheck.Pass("outbound messages", $"accepted from organisation {organization}; the Outbound Message and its flow are set up in the org")
            : DoctorCheck.Fail("outbound messages", $"{key}:OrganizationId '{organization}' is not an org id (15 or 18 characters starting 00D)");
    }

    private DoctorCheck TimeZones(IReadOnlyList<Owner> owners)
    {
        var unknown = owners.Where(o => !string.IsNullOrEmpty(o.TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _)).ToList();
        var zoned = owners.Count(o => !string.IsNullOrEmpty(o.TimeZone));
        var portal = connection.Section["PortalTimeZone"] is { Length: > 0 } zone ? $"portal {zone}; " : "";
        return unknown.Count == 0
            ? DoctorCheck.Pass("time zones", $"{portal}{zoned} of {owners.Count} reps have a known time zone, the others follow the cadence's")
            : DoctorCheck.Fail("time zones", $"{unknown.Count} reps have a time zone this machine does not know", [.. unknown.Select(o => $"rep {o.Id} ({o.Email}): '{o.TimeZone}'")]);
    }
}
