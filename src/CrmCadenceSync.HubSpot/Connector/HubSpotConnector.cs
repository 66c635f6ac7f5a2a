using AutoMapper;
using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.HubSpot.Api;
using CrmCadenceSync.HubSpot.Options;
using CrmCadenceSync.HubSpot.Schema;
using CrmCadenceSync.HubSpot.Setup;
using CrmCadenceSync.HubSpot.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.HubSpot.Connector;

/// <summary>The HubSpot side of the connector port, for one configured connection.</summary>
public sealed class HubSpotConnector : ICrmConnector
{
    private readonly IHubSpotCrmApi api;
    private readonly Func<HubSpotConnectionOptions> options;
    private readonly ContactReader reader;
    private readonly ActivityWriter activities;
    private readonly ContactStatusWriter statuses;
    private readonly HubSpotSetup setup;
    private readonly HubSpotWebhookParser webhooks;
    private readonly TaskStateReader taskStates;
    private readonly TaskCloser taskCloser;
    private readonly CallbackCompleter callbacks;
    private readonly EmailOptOutWriter optOuts;

    public HubSpotConnector(
        string connection,
        IHubSpotCrmApi api,
        IMapper mapper,
        IOptionsMonitor<HubSpotConnectionOptions> optionsMonitor,
        HubSpotConnectionMonitor monitor,
        TimeProvider time,
        ILoggerFactory loggerFactory)
        : this(connection, api, mapper, optionsMonitor, monitor, time, loggerFactory, new HubSpotPropertyAvailability())
    {
    }

    /// <param name="availability">Shared with the connection's schema check, which fills it.</param>
    internal HubSpotConnector(
        string connection,
        IHubSpotCrmApi api,
        IMapper mapper,
        IOptionsMonitor<HubSpotConnectionOptions> optionsMonitor,
        HubSpotConnectionMonitor monitor,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        HubSpotPropertyAvailability availability)
    {
        ArgumentNullException.ThrowIfNull(optionsMonitor);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        Connection = connection;
        Monitor = monitor;
        this.api = api;
        options = () => optionsMonitor.Get(connection);
        var logger = loggerFactory.CreateLogger<HubSpotConnector>();
        reader = new ContactReader(connection, api, mapper, options, time, availability);
        activities = new ActivityWriter(connection, api, options, time, logger);
        statuses = new ContactStatusWriter(api, options);
        setup = new HubSpotSetup(connection, api, options, logger);
        webhooks = new HubSpotWebhookParser(connection, options);
        taskStates = new TaskStateReader(api, options);
        taskCloser = new TaskCloser(api, options);
        callbacks = new CallbackCompleter(api, options);
        optOuts = new EmailOptOutWriter(connection, api, options, logger);
    }

    public string Connection { get; }

    /// <summary>Ok, Parked (daily limit) or NeedsReauthorisation (invalid_grant), for /health and the admin page.</summary>
    public HubSpotConnectionMonitor Monitor { get; }

    public ConnectionState State => Monitor.State;

    public Task<ContactPage> ReadChangedContactsAsync(SyncCursor cursor, CancellationToken cancellationToken) =>
        reader.ReadChangedAsync(cursor, cancellationToken);

    public IAsyncEnumerable<Contact> ReadAllContactsAsync(CancellationToken cancellationToken) => reader.ReadAllAsync(cancellationToken);

    public Task<IReadOnlyList<Contact>> ReadContactsAsync(IReadOnlyCollection<string> crmIds, CancellationToken cancellationToken) =>
        reader.ReadByIdsAsync(crmIds, cancellationToken);

    public async Task<IReadOnlyList<Owner>> ReadOwnersAsync(CancellationToken cancellationToken)
    {
        var owners = new List<Owner>();
        string? after = null;
        do
        {
            var page = await api.ListOwnersAsync(options().ApiVersion, 100, after, cancellationToken).Unwrapped().ConfigureAwait(false);
            owners.AddRange(page.Results.Where(o => !o.Archived).Select(o => new Owner(o.Id, o.FirstName, o.LastName, o.Email, null)));
            after = page.Paging?.Next?.After;
        }
        while (after is not null);

        return owners;
    }

    public Task<IReadOnlyList<CrmWriteResult>> WriteActivitiesAsync(IReadOnlyList<CrmActivity> activities, CancellationToken cancellationToken) =>
        this.activities.WriteAsync(activities, cancellationToken);

    public Task<IReadOnlyList<CrmWriteResult>> WriteContactStatusAsync(IReadOnlyList<ContactStatus> statuses, CancellationToken cancellationToken) =>
        this.statuses.WriteAsync(statuses, cancellationToken);

    public Task<IReadOnlyList<CrmTaskState>> ReadTaskStatesAsync(IReadOnlyCollection<string> taskCrmIds, CancellationToken cancellationToken) =>
        taskStates.ReadAsync(taskCrmIds, cancellationToken);

    public Task<IReadOnlyList<CrmWriteResult>> CloseTasksAsync(IReadOnlyList<TaskClosure> closures, CancellationToken cancellationToken) =>
        taskCloser.CloseAsync(closures, cancellationToken);

    /// <summary>Completes blocked workflow action executions (callbacks API); one result per callback, keyed by its id.</summary>
    public Task<IReadOnlyList<CrmWriteResult>> CompleteCallbacksAsync(IReadOnlyList<Api.Dtos.CallbackCompletion> completions, CancellationToken cancellationToken) =>
        callbacks.CompleteAsync(completions, cancellationToken);

    public Task<IReadOnlyList<CrmWriteResult>> WriteEmailOptOutsAsync(IReadOnlyList<EmailOptOut> optOuts, CancellationToken cancellationToken) =>
        this.optOuts.WriteAsync(optOuts, cancellationToken);

    public WebhookResult ParseWebhook(WebhookRequest request) => webhooks.Parse(request);

    /// <summary>
    /// Checks a request HubSpot signed with the app's secret (v3 signature, at most five minutes old), such as a CRM
    /// card's data fetch; null when it holds, otherwise why not.
    /// </summary>
    public string? VerifySignedRequest(WebhookRequest request) => webhooks.Verify(request);

    /// <summary>The <c>setup</c> operation: creates the sync-key and ccs_* status properties where missing.</summary>
    public Task<IReadOnlyList<string>> SetupAsync(CancellationToken cancellationToken) => setup.RunAsync(cancellationToken);
}
