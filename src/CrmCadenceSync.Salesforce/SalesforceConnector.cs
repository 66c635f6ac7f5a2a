using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Core.Crm.Schema;
using CrmCadenceSync.Salesforce.Api;
using CrmCadenceSync.Salesforce.Auth;
using CrmCadenceSync.Salesforce.Budget;
using CrmCadenceSync.Salesforce.Schema;
using CrmCadenceSync.Salesforce.Sync;
using CrmCadenceSync.Salesforce.Webhooks;
using CrmCadenceSync.Salesforce.Writing;
using Microsoft.Extensions.Logging;

namespace CrmCadenceSync.Salesforce;

/// <summary>One Salesforce org behind the CRM port: Leads and Contacts in, Tasks and status fields out.</summary>
/// <remarks>Built by <c>AddSalesforceConnection</c>; its parts are internal, hence no public primary constructor.</remarks>
public sealed class SalesforceConnector : ICrmConnector, ICrmSchemaCheck
{
    private readonly SalesforceContactReader reader;
    private readonly SalesforceRecordWriter writer;
    private readonly SalesforceOutboundMessageParser outboundMessages;
    private readonly SalesforceConnectionHealth health;
    private readonly SalesforceApiBudget budget;
    private readonly ISalesforceApi api;
    private readonly string apiVersion;
    private readonly SalesforceSchemaCheck schema;

    internal SalesforceConnector(
        string connection,
        string apiVersion,
        string organizationId,
        ISalesforceApi api,
        SalesforceContactReader reader,
        SalesforceRecordWriter writer,
        SalesforceConnectionHealth health,
        SalesforceApiBudget budget,
        SalesforceSchemaCheck schema,
        Func<string?> ownUserId,
        ILogger<SalesforceOutboundMessageParser> webhookLogger)
    {
        Connection = connection;
        this.apiVersion = apiVersion;
        this.api = api;
        this.reader = reader;
        this.writer = writer;
        this.health = health;
        this.budget = budget;
        this.schema = schema;
        outboundMessages = new SalesforceOutboundMessageParser(connection, organizationId, ownUserId, webhookLogger);
    }

    public string Connection { get; }

    /// <summary>What an admin sees: parked by the budget, or waiting for re-authorisation.</summary>
    public ConnectionState State => health.State;

    public string? StateReason => health.Reason;

    public SalesforceApiBudget Budget => budget;

    public Task<ContactPage> ReadChangedContactsAsync(SyncCursor cursor, CancellationToken cancellationToken) =>
        reader.ReadChangedAsync(cursor, cancellationToken);

    public Task<IReadOnlyList<Contact>> ReadContactsAsync(IReadOnlyCollection<string> crmIds, CancellationToken cancellationToken) =>
        reader.ReadByIdsAsync(crmIds, cancellationToken);

    public Task<IReadOnlyList<Owner>> ReadOwnersAsync(CancellationToken cancellationToken) =>
        reader.ReadOwnersAsync(cancellationToken);

    public Task<IReadOnlyList<CrmWriteResult>> WriteActivitiesAsync(IReadOnlyList<CrmActivity> activities, CancellationToken cancellationToken) =>
        writer.WriteActivitiesAsync(activities, cancellationToken);

    public Task<IReadOnlyList<CrmWriteResult>> WriteContactStatusAsync(IReadOnlyList<ContactStatus> statuses, CancellationToken cancellationToken) =>
        writer.WriteStatusAsync(statuses, cancellationToken);

    public Task<IReadOnlyList<CrmTaskState>> ReadTaskStatesAsync(IReadOnlyCollection<string> taskCrmIds, CancellationToken cancellationToken) =>
        reader.ReadTaskStatesAsync(taskCrmIds, cancellationToken);

    public Task<IReadOnlyList<CrmWriteResult>> WriteEmailOptOutsAsync(IReadOnlyList<EmailOptOut> optOuts, CancellationToken cancellationToken) =>
        writer.WriteEmailOptOutsAsync(optOuts, cancellationToken);

    public Task<IReadOnlyList<CrmWriteResult>> CloseTasksAsync(IReadOnlyList<TaskClosure> closures, CancellationToken cancellationToken) =>
        writer.CloseTasksAsync(closures, cancellationToken);

    /// <summary>
    /// Nothing to create through the REST API: custom fields are deployed by an admin from crm-plugins/salesforce/
    /// (the Metadata API needs rights an integration user should not have).
    /// </summary>
    public Task<IReadOnlyList<string>> SetupAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([]);

    /// <summary>Describes Lead, Contact and Task; optional fields the org lacks are left out of the queries from now on.</summary>
    public Task<SchemaReport> CheckSchemaAsync(CancellationToken cancellationToken) => schema.RunAsync(cancellationToken);

    public WebhookResult ParseWebhook(WebhookRequest request) => outboundMessages.Parse(request);

    /// <summary>Reads the org's allowance from <c>/limits</c>, for a budget check before the first call of a run.</summary>
    public async Task RefreshBudgetAsync(CancellationToken cancellationToken)
    {
        var limits = await api.GetLimitsAsync(apiVersion, cancellationToken).ConfigureAwait(false);
        if (limits.TryGetValue("DailyApiRequests", out var daily))
        {
            budget.Record(daily.Max - daily.Remaining, daily.Max);
        }
    }
}
