using System.Text.Json.Nodes;
using WireMock.Logging;

namespace CrmCadenceSync.HubSpot.Tests.Support;

internal static class LogEntries
{
    public static JsonNode Json(this ILogEntry entry) => JsonNode.Parse(entry.RequestMessage!.Body!)!;

    public static int Status(this ILogEntry entry) => entry.ResponseMessage!.StatusCode is int status ? status : int.Parse(entry.ResponseMessage.StatusCode!.ToString()!, System.Globalization.CultureInfo.InvariantCulture);

    public static int InputCount(this ILogEntry entry) => entry.Json()["inputs"]!.AsArray().Count;
}
