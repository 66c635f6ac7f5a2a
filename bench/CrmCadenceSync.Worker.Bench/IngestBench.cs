using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CrmCadenceSync.Mocks.HubSpot;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Bench;

/// <summary>
/// Webhook ingest: concurrent senders post 100-event batches, signed as HubSpot signs them, to the running worker.
/// Every 2xx means the batch was committed; afterwards the inbox must hold exactly one row per event sent.
/// Bodies and signatures are prepared before the clock starts, so the harness spends its share of the two cores
/// on sending only.
/// </summary>
internal static class IngestBench
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <param name="pauseSchedule">
    /// True measures the ingest path alone: the Quartz schedule is in standby, so inbox processing does not run beside
    /// it (nudges queue up). False is the worker as shipped, processing the flood while it arrives.
    /// </param>
    public static async Task<IngestResult> RunAsync(int senders, int batches, int eventsPerBatch, bool pauseSchedule)
    {
        await using var worker = await BenchWorker.StartAsync(contacts: 500);
        await Settle.AfterFirstCycleAsync(worker, TimeSpan.FromMinutes(3));
        await worker.PauseScheduleAsync(pauseSchedule);
        var sandbox = worker.HubSpot;
        var requests = Prepare(sandbox.Options, worker.HubSpotWebhookUrl, worker.Time, batches, eventsPerBatch);

        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
        var next = -1;
        var failures = 0;
        var accepted = 0L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests.Count)
            {
                using var message = requests[i].ToMessage(worker.HubSpotWebhookUrl);
                using var response = await http.SendAsync(message);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Add(ref accepted, eventsPerBatch);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));
        var elapsed = clock.Elapsed;

        var stored = await worker.QueryAsync(db => db.InboxEvents.CountAsync(e => e.Connection == "hubspot" && e.DedupeKey.StartsWith("hubspot:")));
        return new IngestResult((long)batches * eventsPerBatch, accepted, stored, failures, elapsed);
    }

    /// <summary>Distinct dedupe keys: each event names a seeded contact at its own millisecond.</summary>
    private static List<SignedBatch> Prepare(HubSpotSandboxOptions options, Uri target, TimeProvider time, int batches, int eventsPerBatch)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var occurredBase = time.GetUtcNow().AddDays(-1).ToUnixTimeMilliseconds();
        var list = new List<SignedBatch>(batches);
        for (var b = 0; b < batches; b++)
        {
            var events = new SandboxWebhookEvent[eventsPerBatch];
            for (var e = 0; e < eventsPerBatch; e++)
            {
                var n = ((long)b * eventsPerBatch) + e;
                events[e] = new SandboxWebhookEvent(
                    n + 1, 12345, options.PortalId, options.AppId, occurredBase + n, "contact.propertyChange", 1001 + (n % options.Contacts),
                    PropertyName: "hubspotscore", PropertyValue: "40");
            }

            var body = JsonSerializer.SerializeToUtf8Bytes(events, Json);
            list.Add(new SignedBatch(
                body,
                timestamp,
                HubSpotWebhookSender.SignV3(options.WebhookSecret, "POST", target.AbsoluteUri, body, timestamp),
                Convert.ToHexStringLower(SHA256.HashData([.. Encoding.UTF8.GetBytes(options.WebhookSecret), .. body]))));
        }

        return list;
    }

    private sealed record SignedBatch(byte[] Body, string Timestamp, string SignatureV3, string SignatureV1)
    {
        public HttpRequestMessage ToMessage(Uri target)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(Body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add("X-HubSpot-Signature-v3", SignatureV3);
            request.Headers.Add("X-HubSpot-Request-Timestamp", Timestamp);
            request.Headers.Add("X-HubSpot-Signature-Version", "v1");
            request.Headers.Add("X-HubSpot-Signature", SignatureV1);
            return request;
        }
    }
}

internal sealed record IngestResult(long Sent, long Accepted, int Stored, int FailedBatches, TimeSpan Elapsed)
{
    public double EventsPerSecond => Accepted / Elapsed.TotalSeconds;

    public bool NothingLost => FailedBatches == 0 && Stored == Sent;
}
