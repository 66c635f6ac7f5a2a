namespace CrmCadenceSync.Worker.HubSpotApp;

internal static partial class HubSpotAppLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "HubSpot app request to {Path} refused: {Reason}")]
    public static partial void Refused(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Completing HubSpot workflow callback {CallbackId} failed ({Code}), attempt {Attempt}: {Reason}")]
    public static partial void CompletionFailed(ILogger logger, string callbackId, string code, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "HubSpot workflow callback {CallbackId} is dead-lettered ({Code}): {Reason}")]
    public static partial void DeadLettered(ILogger logger, string callbackId, string code, string reason);
}
