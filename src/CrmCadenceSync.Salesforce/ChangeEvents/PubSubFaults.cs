using Grpc.Core;

namespace CrmCadenceSync.Salesforce.ChangeEvents;

/// <summary>Classifies what a Pub/Sub call threw, by gRPC status and the <c>error-code</c> trailer Salesforce adds.</summary>
public static class PubSubFaults
{
    /// <summary>The trailer that carries Salesforce's own error code (<c>sfdc.platform.eventbus.grpc.…</c>).</summary>
    public const string ErrorCodeTrailer = "error-code";

    /// <summary>Sent with INVALID_ARGUMENT for a replay id that is invalid, for example older than the retention window.</summary>
    public const string ReplayIdCorrupted = "sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted";

    public const string ReplayIdValidationFailed = "sfdc.platform.eventbus.grpc.subscription.fetch.replayid.validation.failed";

    public static string? ErrorCode(RpcException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Trailers.GetValue(ErrorCodeTrailer);
    }

    /// <summary>What to do about <paramref name="e"/>, an authentication failure aside (that needs a token refresh first).</summary>
    public static PubSubFaultKind Classify(RpcException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var code = ErrorCode(e);
        if (code is ReplayIdCorrupted or ReplayIdValidationFailed)
        {
            return PubSubFaultKind.ReplayExpired;
        }

        return e.StatusCode switch
        {
            StatusCode.PermissionDenied or StatusCode.NotFound or StatusCode.InvalidArgument or StatusCode.Unimplemented
                or StatusCode.FailedPrecondition or StatusCode.OutOfRange => PubSubFaultKind.Permanent,
            _ => PubSubFaultKind.Transient,
        };
    }
}
