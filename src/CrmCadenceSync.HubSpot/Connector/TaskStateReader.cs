using System.Globalization;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.HubSpot.Api;
using CrmCadenceSync.HubSpot.Api.Dtos;
using CrmCadenceSync.HubSpot.Mapping;
using CrmCadenceSync.HubSpot.Options;

namespace CrmCadenceSync.HubSpot.Connector;

/// <summary>
/// Reads back our tasks: one batch read per 100 tasks (<c>hs_task_status</c>, <c>hs_task_completion_date</c>); for the
/// completed ones, the calls the rep logged on them (associations, then one batch read of the calls'
/// <c>hs_call_disposition</c>), with each disposition GUID turned into the portal's label for it.
/// </summary>
internal sealed class TaskStateReader(IHubSpotCrmApi api, Func<HubSpotConnectionOptions> options)
{
    private const int BatchSize = 100;
    private const string Completed = "COMPLETED";
    private const string Disposition = "hs_call_disposition";

    private IReadOnlyDictionary<string, string>? dispositionLabels;

    public async Task<IReadOnlyList<CrmTaskState>> ReadAsync(IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken)
    {
        var version = options().ApiVersion;
        var tasks = new List<HubSpotObject>();
        foreach (var chunk in taskIds.Distinct(StringComparer.Ordinal).Chunk(BatchSize))
        {
            BatchReadRequest request = new([.. chunk.Select(id => new ObjectIdInput(id))], ["hs_task_status", "hs_task_completion_date"]);
            var batch = await api.BatchReadAsync(version, HubSpotObjectTypes.Tasks, request, false, cancellationToken).Unwrapped().ConfigureAwait(false);
            tasks.AddRange(batch.Results);
        }

        var completed = tasks.Where(t => HubSpotValues.Text(t, "hs_task_status") == Completed).Select(t => t.Id).ToList();
        var outcomes = completed.Count == 0
            ? new Dictionary<string, string>()
            : await OutcomesAsync(version, completed, cancellationToken).ConfigureAwait(false);
        return
        [
            .. tasks.Select(t =>
            {
                var done = HubSpotValues.Text(t, "hs_task_status") == Completed;
                return new CrmTaskState(
                    t.Id,
                    done,
                    done ? HubSpotValues.Time(t, "hs_task_completion_date") ?? t.UpdatedAt : null,
                    outcomes.GetValueOrDefault(t.Id));
            }),
        ];
    }

    /// <summary>Per completed task, the outcome of the last call logged on it.</summary>
    private async Task<Dictionary<string, string>> OutcomesAsync(string version, List<string> taskIds, CancellationToken cancellationToken)
    {
        var callsOfTask = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in taskIds.Chunk(BatchSize))
        {
            var associations = await api.BatchReadAssociationsAsync(
                version, HubSpotObjectTypes.Tasks, HubSpotObjectTypes.Calls, new([.. chunk.Select(id => new ObjectIdInput(id))]), cancellationToken).Unwrapped().ConfigureAwait(false);
            foreach (var result in associations.Results.Where(r => r.To.Count > 0))
            {
                callsOfTask[result.From.Id] = result.To.Max(t => t.ToObjectId).ToString(CultureInfo.InvariantCulture);
            }
        }

        var outcomes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (callsOfTask.Count == 0)
        {
            return outcomes;
        }

        var dispositions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in callsOfTask.Values.Distinct(StringComparer.Ordinal).Chunk(BatchSize))
        {
            BatchReadRequest request = new([.. chunk.Select(id => new ObjectIdInput(id))], [Disposition]);
            var calls = await api.BatchReadAsync(version, HubSpotObjectTypes.Calls, request, false, cancellationToken).Unwrapped().ConfigureAwait(false);
            foreach (var call in calls.Results)
            {
                if (HubSpotValues.Text(call, Disposition) is { Length: > 0 } value)
                {
                    dispositions[call.Id] = value;
                }
            }
        }

        var labels = await LabelsAsync(version, cancellationToken).ConfigureAwait(false);
        foreach (var (task, call) in callsOfTask)
        {
            if (dispositions.TryGetValue(call, out var value))
            {
                outcomes[task] = labels.GetValueOrDefault(value, value);
            }
        }

        return outcomes;
    }

    /// <summary>The portal's outcome labels by GUID, read once (admins add outcomes rarely; a restart picks them up).</summary>
    private async Task<IReadOnlyDictionary<string, string>> LabelsAsync(string version, CancellationToken cancellationToken)
    {
        if (dispositionLabels is { } known)
        {
            return known;
        }

        var property = await api.GetEnumerationPropertyAsync(version, HubSpotObjectTypes.Calls, Disposition, cancellationToken).Unwrapped().ConfigureAwait(false);
        var labels = (property.Options ?? []).ToDictionary(o => o.Value, o => o.Label, StringComparer.Ordinal);
        dispositionLabels = labels;
        return labels;
    }
}
