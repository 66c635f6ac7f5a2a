using System.Globalization;
using System.Net;
using CrmCadenceSync.HubSpot.Budget;
using CrmCadenceSync.HubSpot.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace CrmCadenceSync.HubSpot.Resilience;

/// <summary>
/// Retry (429 always; 5xx, 408, 423, 477 and lost responses only when repeating the call cannot create a record twice),
/// a circuit breaker that stops hammering a failing portal, and a per-attempt timeout. All on the injected TimeProvider.
/// </summary>
public static class HubSpotResiliencePipeline
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, HubSpotConnectionOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.TimeProvider = time;
        builder
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetryAttempts),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                ShouldHandle = args => ValueTask.FromResult(options.MaxRetryAttempts > 0 && ShouldRetry(args.Outcome, args.Context)),
                DelayGenerator = args => ValueTask.FromResult(RetryDelay(args.Outcome.Result, options.MaxRetryAfter, time)),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = 0.5,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(30),
                ShouldHandle = args => ValueTask.FromResult(IsServerFailure(args.Outcome)),
            })
            .AddTimeout(options.RequestTimeout);
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        if (outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return true;
        }

        return IsServerFailure(outcome) && CanRepeat(context.GetRequestMessage());
    }

    private static bool IsServerFailure(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || outcome.Result?.StatusCode is { } status
            && ((int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.Locked || (int)status == 477);

    /// <summary>A batch create whose answer was lost may have been stored; the connector looks its keys up instead.</summary>
    private static bool CanRepeat(HttpRequestMessage? request) =>
        request?.RequestUri?.AbsolutePath.EndsWith("/batch/create", StringComparison.Ordinal) != true;

    private static TimeSpan? RetryDelay(HttpResponseMessage? response, TimeSpan max, TimeProvider time)
    {
        if (response is null)
        {
            return null;
        }

        var retryAfter = response.Headers.RetryAfter;
        var delay = retryAfter?.Delta ?? (retryAfter?.Date - time.GetUtcNow());
        if (delay is null && response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            delay = response.Headers.TryGetValues(HubSpotRateLimitHeaders.IntervalMilliseconds, out var values)
                && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var interval)
                    ? TimeSpan.FromMilliseconds(interval)
                    : TimeSpan.FromSeconds(1);
        }

        return delay is { } d ? TimeSpan.FromTicks(Math.Clamp(d.Ticks, 0, max.Ticks)) : null;
    }
}
