using System.Net;
using System.Net.Sockets;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;
using Refit;

namespace CrmCadenceSync.Worker.Resilience;

/// <summary>Classifies what a CRM call threw.</summary>
public static class Faults
{
    /// <summary>
    /// Transient trouble with the connection rather than with a record: a resilience pipeline's rejection (open
    /// circuit, timeout, rate limiter), a network error, an HTTP client timeout, or a server-side answer (5xx, 408,
    /// 429) that survived the retries. The work backs off and is tried again; it is never dead-lettered for it.
    /// </summary>
    public static bool IsConnectionTrouble(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case BrokenCircuitException or TimeoutRejectedException or RateLimiterRejectedException:
                case HttpRequestException or SocketException or IOException or TimeoutException:
                case TaskCanceledException { InnerException: TimeoutException }:
                case ApiException { StatusCode: >= HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests }:
                    return true;
            }
        }

        return false;
    }

    /// <summary>True when the circuit breaker stopped the call: the CRM has been failing, not just this call.</summary>
    public static bool IsCircuitOpen(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is BrokenCircuitException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One line for a log: the exception's type and message, without its stack.</summary>
    public static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message}";
}
