using System.Net;
using System.Runtime.ExceptionServices;
using Refit;

namespace CrmCadenceSync.HubSpot.Api;

/// <summary>
/// Refit wraps anything thrown before a response arrives (a parked connection, a refused refresh token, an open
/// circuit, a timeout, a lost connection) in <see cref="ApiRequestException"/>; the connector acts on the real cause.
/// </summary>
internal static class ApiResponseExtensions
{
    /// <summary>The body of a non-success answer (HubSpot's error JSON), when one was received.</summary>
    public static string? ErrorBody(this IApiResponse response) => (response.Error as ApiException)?.Content;

    public static HttpStatusCode Status(this IApiResponse response) => response.StatusCode ?? 0;

    /// <summary>Throws the real cause when no response was received.</summary>
    public static T EnsureReceived<T>(this T response)
        where T : IApiResponse
    {
        if (response.Error is ApiRequestException { InnerException: { } cause })
        {
            ExceptionDispatchInfo.Throw(cause);
        }

        return response;
    }

    public static async Task<T> Unwrapped<T>(this Task<T> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (ApiRequestException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }

    public static async Task<T> Received<T>(this Task<T> call)
        where T : IApiResponse => (await call.Unwrapped().ConfigureAwait(false)).EnsureReceived();
}
