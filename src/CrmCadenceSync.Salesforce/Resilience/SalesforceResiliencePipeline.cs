using System.Net;
using CrmCadenceSync.Salesforce.Configuration;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace CrmCadenceSync.Salesforce.Resilience;

/// <summary>
/// Retry (408, 429, 5xx and lost answers; every call is safe to repeat: reads, updates, and upserts by the sync key),
/// honouring Retry-After up to a cap; a circuit breaker that stops hammering a failing org; a per-attempt timeout.
/// All on the injected TimeProvider, as for HubSpot.
/// </summary>
public static class SalesforceResiliencePipeline
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, SalesforceConnectionOptions options, TimeProvider time)
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
                ShouldHandle = args => ValueTask.FromResult(options.MaxRetryAttempts > 0 && IsTransient(args.Outcome)),
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

    /// <summary>What a later attempt can get past: the server's trouble, a timeout, or too many requests.</summary>
    public static bool IsTransientStatus(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || outcome.Result?.StatusCode is { } status && IsTransientStatus(status);

    private static bool IsServerFailure(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || outcome.Result?.StatusCode is { } status && ((int)status >= 500 || status == HttpStatusCode.RequestTimeout);

    private static TimeSpan? RetryDelay(HttpResponseMessage? response, TimeSpan max, TimeProvider time)
    {
        var retryAfter = response?.Headers.RetryAfter;
        var delay = retryAfter?.Delta ?? (retryAfter?.Date - time.GetUtcNow());
        return delay is { } d ? TimeSpan.FromTicks(Math.Clamp(d.Ticks, 0, max.Ticks)) : null;
    }
}
