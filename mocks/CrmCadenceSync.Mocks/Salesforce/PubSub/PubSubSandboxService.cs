using CrmCadenceSync.Mocks.Salesforce.State;
using Eventbus.V1;
using Google.Protobuf;
using Grpc.Core;

namespace CrmCadenceSync.Mocks.Salesforce.PubSub;

/// <summary>
/// <c>eventbus.v1.PubSub</c> as the sandbox org serves it: GetTopic, GetSchema and Subscribe (pull-based: events are sent
/// only against FetchRequest num_requested, keepalives carry the latest replay id), on the org's sessions and ids.
/// </summary>
internal sealed class PubSubSandboxService(SalesforceOrgState org, ChangeEventLog log, Func<Uri> instanceUrl) : Eventbus.V1.PubSub.PubSubBase
{
    private const string AuthError = "sfdc.platform.eventbus.grpc.service.auth.error";
    private const string TopicNotFound = "sfdc.platform.eventbus.grpc.service.topic.notfound";
    private const string ReplayIdCorrupted = "sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted";
    private const string ReplayIdValidationFailed = "sfdc.platform.eventbus.grpc.subscription.fetch.replayid.validation.failed";
    private const string RequestedEventsInvalid = "sfdc.platform.eventbus.grpc.subscription.fetch.requested.events.invalid";

    /// <summary>Salesforce sends an empty FetchResponse at least this often when there is nothing to deliver.</summary>
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(270);

    public override Task<TopicInfo> GetTopic(TopicRequest request, ServerCallContext context)
    {
        Authenticate(context);
        var schema = log.SchemaOfTopic(request.TopicName) ?? throw Fail(StatusCode.NotFound, $"Topic {request.TopicName} does not exist.", TopicNotFound);
        return Task.FromResult(new TopicInfo
        {
            TopicName = request.TopicName,
            TenantGuid = org.Options.OrganizationId,
            CanSubscribe = true,
            CanPublish = false,
            SchemaId = schema.Id,
            RpcId = Guid.NewGuid().ToString(),
        });
    }

    public override Task<SchemaInfo> GetSchema(SchemaRequest request, ServerCallContext context)
    {
        Authenticate(context);
        var schema = log.SchemaById(request.SchemaId) ?? throw Fail(StatusCode.NotFound, $"Schema {request.SchemaId} does not exist.", null);
        return Task.FromResult(new SchemaInfo { SchemaId = schema.Id, SchemaJson = schema.Json, RpcId = Guid.NewGuid().ToString() });
    }

    public override async Task Subscribe(IAsyncStreamReader<FetchRequest> requestStream, IServerStreamWriter<FetchResponse> responseStream, ServerCallContext context)
    {
        Authenticate(context);
        var cancellation = context.CancellationToken;
        if (!await requestStream.MoveNext(cancellation))
        {
            return;
        }

        var first = requestStream.Current;
        if (log.SchemaOfTopic(first.TopicName) is null)
        {
            throw Fail(StatusCode.NotFound, $"Topic {first.TopicName} does not exist.", TopicNotFound);
        }

        var topic = first.TopicName;

        var preset = first.ReplayPreset.ToString().ToUpperInvariant();
        var requestedId = first.ReplayPreset == ReplayPreset.Custom ? ChangeEventLog.Decode(first.ReplayId.Span) : null;
        long position;
        try
        {
            position = Start(topic, first);
        }
        catch (RpcException)
        {
            // A refused replay id shows in the log too.
            log.OpenStream(topic, preset, requestedId, serving: false);
            throw;
        }

        // Recorded once the position is fixed: whatever is published after a test sees the stream open is delivered.
        var stream = log.OpenStream(topic, preset, requestedId, serving: true);
        try
        {
            if (first.NumRequested <= 0)
            {
                throw Fail(StatusCode.InvalidArgument, "num_requested must be positive.", RequestedEventsInvalid);
            }

            log.RecordFetch(first.NumRequested);
            await ServeAsync(requestStream, responseStream, topic, stream, position, first.NumRequested, cancellation);
        }
        finally
        {
            log.StreamEnded();
        }
    }

    private async Task ServeAsync(
        IAsyncStreamReader<FetchRequest> requestStream, IServerStreamWriter<FetchResponse> responseStream, string topic, int stream, long position, int numRequested, CancellationToken cancellation)
    {
        var pending = numRequested;
        var more = new SemaphoreSlim(0);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var reader = Task.Run(
            async () =>
            {
                while (await requestStream.MoveNext(stop.Token))
                {
                    log.RecordFetch(requestStream.Current.NumRequested);
                    Interlocked.Add(ref pending, Math.Max(0, requestStream.Current.NumRequested));
                    more.Release();
                }
            },
            stop.Token);
        // One outstanding wait each, kept across turns, so no wake-up is consumed by a wait nobody looks at.
        Task? requested = null;
        Task? keepAlive = null;
        var never = Task.Delay(Timeout.Infinite, stop.Token);
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                var wanted = Volatile.Read(ref pending);
                var (next, appended) = log.After(topic, position, wanted);
                if (wanted > 0 && next.Count > 0)
                {
                    if (log.TakeBreak())
                    {
                        throw Fail(StatusCode.Unavailable, "The sandbox broke the stream (test fault).", "sfdc.platform.eventbus.grpc.service.unavailable");
                    }

                    var response = new FetchResponse
                    {
                        LatestReplayId = ByteString.CopyFrom(ChangeEventLog.Encode(next[^1].ReplayId)),
                        RpcId = Guid.NewGuid().ToString(),
                        PendingNumRequested = wanted - next.Count,
                    };
                    response.Events.AddRange(next.Select(Consumer));
                    await responseStream.WriteAsync(response, cancellation);
                    Interlocked.Add(ref pending, -next.Count);
                    position = next[^1].ReplayId;
                    log.RecordDelivered(stream, topic, next);
                    continue;
                }

                requested ??= more.WaitAsync(stop.Token);
                keepAlive ??= Task.Delay(KeepAlive, org.Time, stop.Token);
                var woke = await Task.WhenAny(requested, wanted > 0 ? appended : never, keepAlive, reader);
                if (woke == reader)
                {
                    // The client half-closed or went away.
                    return;
                }

                if (woke == requested)
                {
                    requested = null;
                }

                if (woke == keepAlive)
                {
                    keepAlive = null;
                    if (Volatile.Read(ref pending) > 0)
                    {
                        await responseStream.WriteAsync(
                            new FetchResponse
                            {
                                LatestReplayId = ByteString.CopyFrom(ChangeEventLog.Encode(position)),
                                RpcId = Guid.NewGuid().ToString(),
                                PendingNumRequested = Volatile.Read(ref pending),
                            },
                            cancellation);
                    }
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            more.Dispose();
        }
    }

    /// <summary>Where the stream starts: the tip, the oldest retained event, or after a replay id still inside the retention window.</summary>
    private long Start(string topic, FetchRequest first)
    {
        switch (first.ReplayPreset)
        {
            case ReplayPreset.Earliest:
                return 0;
            case ReplayPreset.Custom:
                if (first.ReplayId.IsEmpty)
                {
                    throw Fail(StatusCode.InvalidArgument, "CUSTOM replay preset needs a replay_id.", ReplayIdValidationFailed);
                }

                var replayId = ChangeEventLog.Decode(first.ReplayId.Span);
                if (replayId is not { } id || !log.IsResumable(topic, id))
                {
                    throw Fail(StatusCode.InvalidArgument, "The Replay ID validation failed: the replay id is invalid or outside the retention window.", ReplayIdCorrupted);
                }

                return id;
            default:
                return log.Tip(topic);
        }
    }

    private static ConsumerEvent Consumer(LoggedChangeEvent e) => new()
    {
        Event = new ProducerEvent { Id = e.EventId, SchemaId = e.SchemaId, Payload = ByteString.CopyFrom(e.Payload) },
        ReplayId = ByteString.CopyFrom(ChangeEventLog.Encode(e.ReplayId)),
    };

    /// <summary>The headers every call carries: a live session of this org, its instance URL and its org id.</summary>
    private void Authenticate(ServerCallContext context)
    {
        var headers = context.RequestHeaders;
        var token = headers.GetValue("accesstoken");
        var tenant = headers.GetValue("tenantid");
        var instance = headers.GetValue("instanceurl");
        bool valid;
        lock (org.Gate)
        {
            valid = org.IsValidSession(token);
        }

        if (!valid)
        {
            throw Fail(StatusCode.Unauthenticated, "The accesstoken header is missing, expired or not a session of this org.", AuthError);
        }

        if (!string.Equals(tenant, org.Options.OrganizationId, StringComparison.Ordinal))
        {
            throw Fail(StatusCode.Unauthenticated, $"The tenantid header '{tenant}' is not this org's id.", AuthError);
        }

        if (instance is null || !Uri.TryCreate(instance, UriKind.Absolute, out var url) || url.Authority != instanceUrl().Authority)
        {
            throw Fail(StatusCode.Unauthenticated, $"The instanceurl header '{instance}' is not this org's instance URL.", AuthError);
        }
    }

    private static RpcException Fail(StatusCode code, string detail, string? errorCode)
    {
        var trailers = new Metadata();
        if (errorCode is not null)
        {
            trailers.Add("error-code", errorCode);
        }

        return new RpcException(new Status(code, $"{detail} rpcId: {Guid.NewGuid()}"), trailers);
    }
}
