using BenchmarkDotNet.Attributes;
using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Enrollments.Decisions;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Scheduling;

namespace CrmCadenceSync.Benchmarks;

/// <summary>
/// A million generated contacts through the real engine: decide (segment, policies), resolve the zone, and time
/// the first touch in business hours. Figures are per contact (OperationsPerInvoke). The bare loop does only the
/// time-zone and business-day arithmetic, as the floor to compare with.
/// </summary>
[MemoryDiagnoser]
public class SegmentAndScheduleBenchmark
{
    private const int Count = 1_000_000;
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 14, 30, 0, TimeSpan.Zero);

    private RuleSet rules = null!;
    private Contact[] contacts = null!;
    private string[] ownerZones = null!;
    private TimeZoneInfo[] resolvedZones = null!;

    [GlobalSetup]
    public void Setup()
    {
        rules = ShippedRules.Load();
        (contacts, ownerZones) = GeneratedContacts.Create(Count, seed: 42);
        var fallback = rules.Cadences.Values.First().TimeZone;
        resolvedZones = [.. contacts.Select((c, i) => StepScheduler.ZoneFor(c.TimeZone, ownerZones[i], fallback))];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public long BareZoneAndBusinessDayLoop()
    {
        var calendar = BusinessCalendar.Weekdays;
        long sum = 0;
        for (var i = 0; i < contacts.Length; i++)
        {
            var zone = resolvedZones[i];
            var local = calendar.NextOpening(ZonedTime.ToLocal(Now, zone));
            var date = calendar.AddBusinessDays(DateOnly.FromDateTime(local), 1);
            sum += ZonedTime.ToInstant(date.ToDateTime(TimeOnly.FromDateTime(local)), zone).UtcTicks;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public long EngineOneCore()
    {
        long sum = 0;
        for (var i = 0; i < contacts.Length; i++)
        {
            sum += DecideAndSchedule(i);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public long EngineAllCores()
    {
        long total = 0;
        Parallel.For(
            0,
            Environment.ProcessorCount,
            () => 0L,
            (part, _, sum) =>
            {
                var size = (contacts.Length + Environment.ProcessorCount - 1) / Environment.ProcessorCount;
                var end = Math.Min(contacts.Length, (part + 1) * size);
                for (var i = part * size; i < end; i++)
                {
                    sum += DecideAndSchedule(i);
                }

                return sum;
            },
            sum => Interlocked.Add(ref total, sum));
        return total;
    }

    private long DecideAndSchedule(int i)
    {
        var contact = contacts[i];
        if (EnrollmentEngine.Decide(contact, null, rules, null, Now) is not EnrollDecision enroll)
        {
            return 0;
        }

        var cadence = rules.Cadences[enroll.Segment.CadenceId];
        var zone = StepScheduler.ZoneFor(contact.TimeZone, ownerZones[i], cadence.TimeZone);
        return StepScheduler.DueAt(cadence.Calendar, cadence.Steps[0], zone, Now, null).UtcTicks;
    }
}
