using WireMock.Logging;

namespace CrmCadenceSync.Salesforce.Tests.Support;

/// <summary>One request the sandbox received and what it answered, read from WireMock's log.</summary>
internal sealed record RecordedCall(string Method, string Path, string? Body, string? Authorization, int Status, string? LimitInfo, string? ResponseBody)
{
    public static RecordedCall From(ILogEntry entry)
    {
        var request = entry.RequestMessage!;
        var response = entry.ResponseMessage!;
        return new RecordedCall(
            request.Method,
            request.Path,
            request.Body,
            request.Headers?.FirstOrDefault(h => string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault(),
            Convert.ToInt32(response.StatusCode, System.Globalization.CultureInfo.InvariantCulture),
            response.Headers?.FirstOrDefault(h => h.Key == "Sforce-Limit-Info").Value?.FirstOrDefault(),
            response.BodyData?.BodyAsString);
    }
}
