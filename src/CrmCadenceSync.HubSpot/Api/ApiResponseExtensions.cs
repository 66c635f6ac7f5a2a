using System.Net;
using Refit;

namespace CrmCadenceSync.HubSpot.Api;

internal static class ApiResponseExtensions
{
    /// <summary>The body of a non-success answer (HubSpot's error JSON), when one was received.</summary>
    public static string? ErrorBody(this IApiResponse response) => (response.Error as ApiException)?.Content;

    public static HttpStatusCode Status(this IApiResponse response) => response.StatusCode ?? 0;
}
