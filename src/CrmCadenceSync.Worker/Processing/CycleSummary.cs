using CrmCadenceSync.Core.Segmentation;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Mapping;
using CrmCadenceSync.Worker.Rules;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Processing;

/// <summary>The short table printed after a cycle: where contacts stand, what changed, what was written.</summary>
public sealed class CycleSummary(CadenceDbContext db, RuleSetProvider rules, CycleStats stats)
{
    public async Task WriteAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var bySegment = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        await foreach (var row in db.Contacts.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var contact = row.ToContact();
            if (contact.IsDeleted || contact.MergedIntoCrmId is not null)
            {
                continue;
            }

            total++;
            var segment = Segmenter.Match(rules.Current.Rules, contact)?.Name ?? "(no segment)";
            bySegment[segment] = bySegment.GetValueOrDefault(segment) + 1;
        }

        var openDeadLetters = await db.DeadLetters.CountAsync(d => d.ResolvedAt == null, cancellationToken);
        output.WriteLine();
        output.WriteLine($"Summary (rule set version {rules.Current.Version})");
        Table(output, $"Contacts by segment ({total})", bySegment.OrderByDescending(s => s.Value).Select(s => (s.Key, s.Value)));
        Table(output, "Ingested", stats.Get("ingested").Select(c => (c.Key, c.Value)));
        var unchanged = stats.Get("unchanged").Where(c => c.Value > 0).ToList();
        if (unchanged.Count > 0)
        {
            Table(output, "Read again, nothing changed (not processed)", unchanged.Select(c => (c.Key, c.Value)));
        }

        var ownWrites = stats.Get("own-writes").Where(c => c.Value > 0).ToList();
        if (ownWrites.Count > 0)
        {
            Table(output, "Our own writes announced by the CRM (not read, not processed)", ownWrites.Select(c => (c.Key, c.Value)));
        }

        Table(output, "Enrolled", stats.Get("enrolled").Select(c => (c.Key, c.Value)));
        Table(output, "Moved", stats.Get("moved").Select(c => (c.Key, c.Value)));
        Table(output, "Exited", stats.Get("exited").Select(c => (c.Key, c.Value)));
        if (stats.Get("paused").Any())
        {
            Table(output, "Paused", stats.Get("paused").Select(c => (c.Key, c.Value)));
        }
        Table(output, "Steps", stats.Get("step").Select(c => (c.Key, c.Value)));
        Table(output, "Written to CRMs", stats.Get("written").Select(c => (c.Key.Replace("|", " ", StringComparison.Ordinal), c.Value)));
        output.WriteLine($"  {"Dead letters (open)",-34} {openDeadLetters,8}");
    }

    private static void Table(TextWriter output, string title, IEnumerable<(string Name, int Count)> rows)
    {
        output.WriteLine($"  {title}");
        var any = false;
        foreach (var (name, count) in rows)
        {
            any = true;
            output.WriteLine($"    {name,-32} {count,8}");
        }

        if (!any)
        {
            output.WriteLine($"    {"none",-32} {0,8}");
        }
    }
}
