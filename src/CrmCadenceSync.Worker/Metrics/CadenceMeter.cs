using System.Diagnostics.Metrics;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.HubSpot.Budget;
using CrmCadenceSync.HubSpot.Connector;
using CrmCadenceSync.Salesforce;
using CrmCadenceSync.Worker.Connections;

namespace CrmCadenceSync.Worker.Metrics;

/// <summary>
/// The <c>CrmCadenceSync</c> meter: the cadence figures of <c>/api/metrics</c> and the worker's health as observable
/// instruments (OpenTelemetry-compatible), read from the last published <see cref="OperatorSnapshot"/> and, for rate
/// limits, from each connection's budget.
/// </summary>
public sealed class CadenceMeter
{
    public const string MeterName = "CrmCadenceSync";

    private readonly ConnectionRegistry connections;
    private readonly IServiceProvider services;
    private OperatorSnapshot snapshot = OperatorSnapshot.Empty;

    public CadenceMeter(IMeterFactory factory, ConnectionRegistry connections, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(factory);
        this.connections = connections;
        this.services = services;
        var meter = factory.Create(MeterName);
        meter.CreateObservableGauge("ccs.enrollments", Enrollments, "{enrollment}", "Enrollments by cadence and state.");
        meter.CreateObservableGauge("ccs.reply_rate", () => PerCadence(c => c.Figures.ReplyRate), "%", "Contacts who replied per 100 contacts enrolled, by cadence.");
        meter.CreateObservableGauge("ccs.meetings_per_100", () => PerCadence(c => c.Figures.MeetingsPer100), "{meeting}", "Contacts with a booked meeting per 100 contacts enrolled, by cadence.");
        meter.CreateObservableGauge("ccs.overdue_tasks", () => PerCadence(c => (double)c.Figures.OverdueTasks), "{task}", "Tasks past due that the CRM has not reported completed, by cadence.");
        meter.CreateObservableGauge("ccs.sync.lag", SyncLag, "s", "Seconds since each connection's last successful poll.");
        meter.CreateObservableGauge("ccs.inbox.depth", () => Volatile.Read(ref snapshot).InboxDepth, "{event}", "Inbound changes not yet processed.");
        meter.CreateObservableGauge("ccs.outbox.depth", OutboxDepth, "{write}", "CRM writes waiting to be sent, by connection.");
        meter.CreateObservableGauge(
            "ccs.connection.state", ConnectionStates, "{state}", "1 for each connection's current state (Ok, Degraded, Unavailable, Parked, NeedsReauthorisation), 0 for the others.");
        meter.CreateObservableCounter("ccs.crm.rate_limited", RateLimited, "{response}", "Answers refusing a call for rate or daily limits (HubSpot 429, Salesforce REQUEST_LIMIT_EXCEEDED), by connection.");
        meter.CreateObservableGauge("ccs.crm.budget_remaining", BudgetRemaining, "{request}", "Calls each connection may still make today, as the CRM last reported.");
    }

    public OperatorSnapshot Current => Volatile.Read(ref snapshot);

    public void Publish(OperatorSnapshot next) => Volatile.Write(ref snapshot, next);

    private IEnumerable<Measurement<long>> Enrollments()
    {
        foreach (var cadence in Current.Report.Cadences)
        {
            var f = cadence.Figures;
            yield return Measure(f.Active, cadence.Cadence, "Active");
            yield return Measure(f.Paused, cadence.Cadence, "Paused");
            yield return Measure(f.Held, cadence.Cadence, "Held");
            yield return Measure(f.Completed, cadence.Cadence, "Completed");
            yield return Measure(f.Exited.Values.Sum(), cadence.Cadence, "Exited");
        }

        static Measurement<long> Measure(long value, string cadence, string state) =>
            new(value, new KeyValuePair<string, object?>("cadence", cadence), new KeyValuePair<string, object?>("state", state));
    }

    private IEnumerable<Measurement<double>> PerCadence(Func<Core.Metrics.CadenceMetrics, double> value) =>
        Current.Report.Cadences.Select(c => new Measurement<double>(value(c), new KeyValuePair<string, object?>("cadence", c.Cadence)));

    private IEnumerable<Measurement<double>> SyncLag() =>
        Current.SyncLagSeconds.Where(l => l.Value is not null)
            .Select(l => new Measurement<double>(l.Value!.Value, new KeyValuePair<string, object?>("connection", l.Key)));

    private IEnumerable<Measurement<long>> OutboxDepth() =>
        connections.All.Select(c => new Measurement<long>(Current.OutboxDepth.GetValueOrDefault(c.Connection), new KeyValuePair<string, object?>("connection", c.Connection)));

    private IEnumerable<Measurement<long>> ConnectionStates()
    {
        foreach (var connector in connections.All)
        {
            var current = Current.ConnectionStates.GetValueOrDefault(connector.Connection) ?? nameof(ConnectionState.Ok);
            foreach (var state in Enum.GetNames<ConnectionState>())
            {
                yield return new(
                    string.Equals(state, current, StringComparison.Ordinal) ? 1 : 0,
                    new KeyValuePair<string, object?>("connection", connector.Connection),
                    new KeyValuePair<string, object?>("state", state));
            }
        }
    }

    private IEnumerable<Measurement<long>> RateLimited()
    {
        foreach (var connector in connections.All)
        {
            long? count = connector switch
            {
                HubSpotConnector => services.GetKeyedService<HubSpotRateBudget>(connector.Connection)?.RateLimitedResponses,
                SalesforceConnector salesforce => salesforce.Budget.LimitRefusals,
                _ => null,
            };
            if (count is { } value)
            {
                yield return new(value, new KeyValuePair<string, object?>("connection", connector.Connection));
            }
        }
    }

    private IEnumerable<Measurement<long>> BudgetRemaining()
    {
        foreach (var connector in connections.All)
        {
            int? remaining = connector switch
            {
                HubSpotConnector => services.GetKeyedService<HubSpotRateBudget>(connector.Connection)?.Today.Left,
                SalesforceConnector salesforce => salesforce.Budget.Remaining,
                _ => null,
            };
            if (remaining is { } value)
            {
                yield return new(value, new KeyValuePair<string, object?>("connection", connector.Connection));
            }
        }
    }
}
