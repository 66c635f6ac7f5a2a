using System.Globalization;
using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Salesforce.Auth;
using CrmCadenceSync.Salesforce.Configuration;
using Microsoft.Extensions.Logging;

namespace CrmCadenceSync.Salesforce.Budget;

/// <summary>
/// The org's rolling 24-hour API allowance as Salesforce last reported it (<c>Sforce-Limit-Info</c>, <c>/limits</c>).
/// Work parks while the spendable part is used up, before the org itself runs out.
/// </summary>
public sealed partial class SalesforceApiBudget(
    string connection,
    SalesforceConnectionOptions options,
    SalesforceConnectionHealth health,
    TimeProvider time,
    ILogger<SalesforceApiBudget> logger)
{
    private readonly Lock gate = new();
    private int? used;
    private int? orgLimit;
    private DateTimeOffset? parkedUntil;

    private long limitRefusals;

    public int? Used => used;

    /// <summary>Calls this connection may still spend today; null until Salesforce has reported usage.</summary>
    public int? Remaining
    {
        get
        {
            lock (gate)
            {
                return used is { } u && SpendableLimit is { } limit ? Math.Max(0, limit - u) : null;
            }
        }
    }

    /// <summary>How many calls the org refused with REQUEST_LIMIT_EXCEEDED (Salesforce's 429) since start.</summary>
    public long LimitRefusals => Interlocked.Read(ref limitRefusals);

    public int? OrgLimit => orgLimit;

    /// <summary>What this connection may spend: our share if configured, less the reserve kept for the org's other integrations.</summary>
    public int? SpendableLimit
    {
        get
        {
            int? limit = (orgLimit, options.DailyRequestLimit) switch
            {
                ({ } org, { } ours) => Math.Min(org, ours),
                ({ } org, null) => org,
                (null, { } ours) => ours,
                _ => null,
            };
            return limit is { } l ? l - (int)Math.Ceiling(l * options.BudgetReservePercent / 100.0) : null;
        }
    }

    /// <summary>Throws <see cref="CrmParkedException"/> when no call may be made now.</summary>
    public void EnsureAvailable()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (parkedUntil is { } until && now < until)
            {
                throw new CrmParkedException(connection, until, health.Reason ?? "daily API budget spent");
            }

            if (parkedUntil is not null)
            {
                // The park expired: let calls through; the next response reports fresh usage.
                parkedUntil = null;
                used = null;
                return;
            }

            if (used is { } u && SpendableLimit is { } limit && u >= limit)
            {
                throw Park(now, $"daily API budget spent: {u} of {orgLimit?.ToString(CultureInfo.InvariantCulture) ?? "?"} used, {limit} spendable");
            }
        }
    }

    /// <summary>Reads <c>api-usage=18/5000</c> from a <c>Sforce-Limit-Info</c> header value.</summary>
    public void Observe(string? limitInfo)
    {
        if (limitInfo is null)
        {
            return;
        }

        foreach (var part in limitInfo.Split(';', StringSplitOptions.TrimEntries))
        {
            if (!part.StartsWith("api-usage=", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var numbers = part["api-usage=".Length..].Split('/');
            if (numbers.Length == 2
                && int.TryParse(numbers[0], NumberStyles.None, CultureInfo.InvariantCulture, out var u)
                && int.TryParse(numbers[1], NumberStyles.None, CultureInfo.InvariantCulture, out var max))
            {
                Record(u, max);
            }
        }
    }

    public void Record(int usedRequests, int limit)
    {
        lock (gate)
        {
            (used, orgLimit) = (usedRequests, limit);
        }
    }

    /// <summary>The org refused the call (REQUEST_LIMIT_EXCEEDED): park and hand back the exception to throw.</summary>
    public CrmParkedException LimitExceeded(string detail)
    {
        Interlocked.Increment(ref limitRefusals);
        lock (gate)
        {
            return Park(time.GetUtcNow(), $"Salesforce refused the call with REQUEST_LIMIT_EXCEEDED: {detail}");
        }
    }

    private CrmParkedException Park(DateTimeOffset now, string reason)
    {
        var until = now + options.ParkDuration;
        parkedUntil = until;
        health.Park(until, reason);
        LogParked(connection, until, reason);
        return new CrmParkedException(connection, until, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Salesforce connection '{Connection}' parked until {Until:u}: {Reason}")]
    private partial void LogParked(string connection, DateTimeOffset until, string reason);
}
