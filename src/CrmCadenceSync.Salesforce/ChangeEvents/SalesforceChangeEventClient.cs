using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Avro;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Salesforce.Auth;
using CrmCadenceSync.Salesforce.Configuration;
using Eventbus.V1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;

namespace CrmCadenceSync.Salesforce.ChangeEvents;

/// <summary>
/// The Pub/Sub API client of one connection: <c>Subscribe</c> with flow control, on the connection's own OAuth session
/// (<c>accesstoken</c>, <c>instanceurl</c>, <c>tenantid</c> headers), event schemas fetched once per schema id.
/// </summary>
public sealed partial class SalesforceChangeEventClient : IDisposable
{
    private readonly string connection;
    private readonly SalesforceConnectionOptions options;
    private readonly SalesforceTokenProvider tokens;
    private readonly ILogger<SalesforceChangeEventClient> logger;
    private readonly GrpcChannel channel;
    private readonly PubSub.PubSubClient client;
    private readonly ConcurrentDictionary<string, RecordSchema> schemas = new(StringComparer.Ordinal);

    internal SalesforceChangeEventClient(
        string connection, SalesforceConnectionOptions options, SalesforceTokenProvider tokens, ILogger<SalesforceChangeEventClient> logger)
    {
        this.connection = connection;
        this.options = options;
        this.tokens = tokens;
        this.logger = logger;
        channel = GrpcChannel.ForAddress(options.ChangeDataCapture.PubSubEndpoint, new GrpcChannelOptions
        {
            // A subscription is one long-lived HTTP/2 stream; pings notice a dead peer between the server's keepalives.
            HttpHandler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                KeepAlivePingDelay = TimeSpan.FromSeconds(60),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            },
            DisposeHttpClient = true,
        });
        client = new PubSub.PubSubClient(channel);
    }

    public string Connection => connection;

    /// <summary>
    /// Subscribes to <paramref name="topic"/> from <paramref name="start"/>. Each batch is handed over before more events
    /// are asked for: the caller commits it, then moves on, and only then does the server get a new FetchRequest for what
    /// was consumed. Ends only by cancellation or a <see cref="PubSubException"/>.
    /// </summary>
    public async IAsyncEnumerable<ChangeEventBatch> SubscribeAsync(string topic, ReplayStart start, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var token = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        var headers = Headers(token);
        await CheckTopicAsync(topic, headers, token, cancellationToken).ConfigureAwait(false);

        using var call = client.Subscribe(headers, cancellationToken: cancellationToken);
        var batchSize = options.ChangeDataCapture.BatchSize;
        var first = new FetchRequest
        {
            TopicName = topic,
            NumRequested = batchSize,
            ReplayPreset = start.IsLatest ? ReplayPreset.Latest : ReplayPreset.Custom,
        };
        if (start.ReplayId is { } replayId)
        {
            first.ReplayId = ByteString.CopyFrom(replayId);
        }

        await SendAsync(call, first, token, cancellationToken).ConfigureAwait(false);
        LogSubscribed(connection, topic, start.IsLatest ? "the latest event" : "the stored replay id");
        var outstanding = batchSize;
        while (true)
        {
            var response = await NextAsync(call, topic, token, cancellationToken).ConfigureAwait(false);
            var events = new List<SalesforceChangeEvent>(response.Events.Count);
            foreach (var consumed in response.Events)
            {
                events.Add(await DecodeAsync(topic, consumed, headers, token, cancellationToken).ConfigureAwait(false));
            }

            var resumeAt = response.Events.Count > 0 ? response.Events[^1].ReplayId : response.LatestReplayId;
            yield return new ChangeEventBatch(topic, events, resumeAt.ToByteArray());

            // The batch is committed: ask again once half the window is consumed, for what was consumed.
            outstanding -= response.Events.Count;
            if (outstanding <= batchSize / 2)
            {
                await SendAsync(call, new FetchRequest { TopicName = topic, NumRequested = batchSize - outstanding }, token, cancellationToken).ConfigureAwait(false);
                outstanding = batchSize;
            }
        }
    }

    public void Dispose() => channel.Dispose();

    private Metadata Headers(SalesforceAccessToken token) => new()
    {
        { "accesstoken", token.AccessToken },
        { "instanceurl", token.InstanceUrl.GetLeftPart(UriPartial.Authority) },
        { "tenantid", options.OrganizationId },
    };

    private async Task CheckTopicAsync(string topic, Metadata headers, SalesforceAccessToken token, CancellationToken cancellationToken)
    {
        TopicInfo info;
        try
        {
            info = await client.GetTopicAsync(new TopicRequest { TopicName = topic }, headers, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw await FaultAsync(e, topic, token, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The subscription was stopped.", e, cancellationToken);
        }

        if (!info.CanSubscribe)
        {
            throw new PubSubException(PubSubFaultKind.Permanent, $"Salesforce connection '{connection}' may not subscribe to {topic}; select the object for Change Data Capture and give the integration user access.", null, null);
        }
    }

    private async Task SendAsync(AsyncDuplexStreamingCall<FetchRequest, FetchResponse> call, FetchRequest request, SalesforceAccessToken token, CancellationToken cancellationToken)
    {
        try
        {
            await call.RequestStream.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw await FaultAsync(e, request.TopicName, token, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The subscription was stopped.", e, cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException && !cancellationToken.IsCancellationRequested)
        {
            // The call ended while writing; its status, if any, is read with the next response.
            throw new PubSubException(PubSubFaultKind.Transient, $"Salesforce connection '{connection}': the {request.TopicName} stream closed while asking for events ({e.Message}).", null, e);
        }
    }

    private async Task<FetchResponse> NextAsync(AsyncDuplexStreamingCall<FetchRequest, FetchResponse> call, string topic, SalesforceAccessToken token, CancellationToken cancellationToken)
    {
        try
        {
            if (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                return call.ResponseStream.Current;
            }
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw await FaultAsync(e, topic, token, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The subscription was stopped.", e, cancellationToken);
        }

        throw new PubSubException(PubSubFaultKind.Transient, $"Salesforce connection '{connection}': the server ended the {topic} stream.", null, null);
    }

    private async Task<SalesforceChangeEvent> DecodeAsync(string topic, ConsumerEvent consumed, Metadata headers, SalesforceAccessToken token, CancellationToken cancellationToken)
    {
        var schema = await SchemaAsync(topic, consumed.Event.SchemaId, headers, token, cancellationToken).ConfigureAwait(false);
        try
        {
            var header = ChangeEventDecoder.DecodeHeader(schema, consumed.Event.Payload.ToByteArray());
            return new SalesforceChangeEvent(consumed.Event.Id, consumed.ReplayId.ToByteArray(), header);
        }
        catch (Exception e) when (e is AvroException or InvalidDataException or InvalidCastException or EndOfStreamException)
        {
            throw new PubSubException(PubSubFaultKind.Permanent, $"Salesforce connection '{connection}': event {consumed.Event.Id} on {topic} could not be decoded with schema {consumed.Event.SchemaId}: {e.Message}", null, e);
        }
    }

    private async Task<RecordSchema> SchemaAsync(string topic, string schemaId, Metadata headers, SalesforceAccessToken token, CancellationToken cancellationToken)
    {
        if (schemas.TryGetValue(schemaId, out var known))
        {
            return known;
        }

        SchemaInfo info;
        try
        {
            info = await client.GetSchemaAsync(new SchemaRequest { SchemaId = schemaId }, headers, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw await FaultAsync(e, topic, token, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The subscription was stopped.", e, cancellationToken);
        }

        if (Avro.Schema.Parse(info.SchemaJson) is not RecordSchema schema)
        {
            throw new PubSubException(PubSubFaultKind.Permanent, $"Salesforce connection '{connection}': schema {schemaId} is not an Avro record.", null, null);
        }

        LogSchemaLoaded(connection, schemaId, schema.Fullname);
        return schemas.GetOrAdd(schemaId, schema);
    }

    /// <summary>
    /// Turns a failed call into what to do. A refused session is renewed once here: if that works the stream reconnects
    /// (transient); if the credentials themselves are refused, the connection waits for re-authorisation.
    /// </summary>
    private async Task<PubSubException> FaultAsync(RpcException e, string topic, SalesforceAccessToken token, CancellationToken cancellationToken)
    {
        var code = PubSubFaults.ErrorCode(e);
        var what = $"Salesforce connection '{connection}', {topic}: {e.StatusCode} {e.Status.Detail}{(code is null ? "" : $" ({code})")}";
        if (e.StatusCode == StatusCode.Unauthenticated)
        {
            try
            {
                await tokens.RefreshAsync(token, cancellationToken).ConfigureAwait(false);
                return new PubSubException(PubSubFaultKind.Transient, $"{what}; the session was renewed.", code, e);
            }
            catch (CrmReauthorisationRequiredException reauth)
            {
                return new PubSubException(PubSubFaultKind.Reauthorisation, $"{what}; {reauth.Message}", code, reauth);
            }
            catch (HttpRequestException refresh)
            {
                return new PubSubException(PubSubFaultKind.Transient, $"{what}; renewing the session failed: {refresh.Message}", code, e);
            }
        }

        return new PubSubException(PubSubFaults.Classify(e), what, code, e);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Salesforce connection '{Connection}' subscribed to {Topic} from {Start}")]
    private partial void LogSubscribed(string connection, string topic, string start);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Salesforce connection '{Connection}' loaded event schema {SchemaId} ({Name})")]
    private partial void LogSchemaLoaded(string connection, string schemaId, string name);
}
