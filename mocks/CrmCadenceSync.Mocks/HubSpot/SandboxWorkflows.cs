using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WireMock;

namespace CrmCadenceSync.Mocks.HubSpot;

/// <summary>
/// HubSpot's workflow engine as far as custom actions go: executes an action against the app's <c>actionUrl</c> (signed
/// v3 like every HubSpot request), remembers the executions it issued, and serves the callbacks API that completes them,
/// strictly: an unknown callback id or a malformed body is refused with HubSpot's 400 shape. Every completion accepted is
/// recorded, repeats included, so tests can count them.
/// </summary>
public sealed class SandboxWorkflows(HubSpotSandboxOptions options, HttpClient http)
{
    private readonly Lock gate = new();
    private readonly HashSet<string> issued = new(StringComparer.Ordinal);
    private readonly List<SandboxCallbackCompletion> completions = [];
    private long next = 1;
    private int failures;
    private int failureStatus;

    public IReadOnlyList<SandboxCallbackCompletion> Completions
    {
        get
        {
            lock (gate)
            {
                return [.. completions];
            }
        }
    }

    /// <summary>The next <paramref name="count"/> completion calls fail with <paramref name="status"/> and complete nothing.</summary>
    public void FailNextCompletions(int count, int status = 503)
    {
        lock (gate)
        {
            failures = count;
            failureStatus = status;
        }
    }

    /// <summary>A fresh callback id in HubSpot's form (<c>ap-{portal}-{execution}-{step}-0</c>), registered as issued.</summary>
    public string NewCallbackId()
    {
        lock (gate)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"ap-{options.PortalId}-{56776413549 + next++}-7-0");
            issued.Add(id);
            return id;
        }
    }

    /// <summary>The request body HubSpot sends to an action URL for a contact.</summary>
    public byte[] ActionBody(string callbackId, long contactId, IReadOnlyDictionary<string, string?> inputFields) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            callbackId,
            origin = new { portalId = options.PortalId, actionDefinitionId = 10860211, actionDefinitionVersion = 1 },
            context = new { source = "WORKFLOWS", workflowId = 192814114 },
            @object = new { objectId = contactId, objectType = "CONTACT" },
            inputFields,
        });

    /// <summary>Executes the action at <paramref name="actionUrl"/> for a contact; a retried execution passes the same <paramref name="callbackId"/>.</summary>
    public async Task<HttpResponseMessage> ExecuteAsync(
        Uri actionUrl, long contactId, IReadOnlyDictionary<string, string?> inputFields, string? callbackId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actionUrl);
        var body = ActionBody(callbackId ?? NewCallbackId(), contactId, inputFields);
        var timestamp = options.Time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, actionUrl);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-HubSpot-Signature-v3", HubSpotWebhookSender.SignV3(options.WebhookSecret, "POST", actionUrl.AbsoluteUri, body, timestamp));
        request.Headers.Add("X-HubSpot-Request-Timestamp", timestamp);
        return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>POST /automation/actions/callbacks/{v}/complete</c> (batch) or <c>…/{callbackId}/complete</c>.</summary>
    internal ResponseMessage Complete(IRequestMessage request, string? singleCallbackId)
    {
        lock (gate)
        {
            if (failures > 0)
            {
                failures--;
                return SandboxJson.Error(failureStatus, "INTERNAL_ERROR", $"The sandbox was told to fail this completion with {failureStatus}.");
            }
        }

        var body = SandboxRequest.Body(request);
        List<(string Id, JsonObject Outputs)> inputs = [];
        if (singleCallbackId is not null)
        {
            if (body?["outputFields"] is not JsonObject outputs)
            {
                return Invalid("outputFields is required and must be an object.");
            }

            inputs.Add((singleCallbackId, outputs));
        }
        else
        {
            if (body?["inputs"] is not JsonArray array || array.Count is 0 or > 100)
            {
                return Invalid("inputs must be an array of 1 to 100 callback completions.");
            }

            foreach (var item in array)
            {
                if (item?["callbackId"] is not JsonValue id || !id.TryGetValue<string>(out var callbackId) || string.IsNullOrWhiteSpace(callbackId))
                {
                    return Invalid("Each input needs a callbackId string.");
                }

                if (item["outputFields"] is not JsonObject outputs)
                {
                    return Invalid($"Input {callbackId} needs an outputFields object.");
                }

                inputs.Add((callbackId, outputs));
            }
        }

        lock (gate)
        {
            if (inputs.FirstOrDefault(i => !issued.Contains(i.Id)) is { Id: { } unknown })
            {
                return Invalid($"No blocked action execution has callback id {unknown}.");
            }

            var at = options.Time.GetUtcNow();
            completions.AddRange(inputs.Select(i => new SandboxCallbackCompletion(
                i.Id, SandboxRequest.Properties(i.Outputs).ToDictionary(p => p.Key, p => p.Value ?? "", StringComparer.Ordinal), at)));
        }

        return new ResponseMessage { StatusCode = 204 };
    }

    private static ResponseMessage Invalid(string message) => SandboxJson.Error(400, "VALIDATION_ERROR", message);
}
