namespace CrmCadenceSync.Core.Rules;

/// <summary>
/// Picks a step's variant for a contact: the same contact always gets the same variant (runs, restarts and
/// machines agree), and over many contacts the split follows the weights.
/// </summary>
public static class VariantAssignment
{
    public static StepVariant For(Step step, string contactKey, string? role)
    {
        var pool = step.Variants.Where(v => role is not null && v.Roles.Contains(role)).ToList();
        if (pool.Count == 0)
        {
            pool = [.. step.Variants.Where(v => v.ForEveryone)];
        }

        if (pool.Count == 1)
        {
            return pool[0];
        }

        var bucket = (long)(StableHash($"{contactKey}|{step.Id}") % (ulong)pool.Sum(v => v.Weight));
        foreach (var variant in pool)
        {
            bucket -= variant.Weight;
            if (bucket < 0)
            {
                return variant;
            }
        }

        return pool[^1];
    }

    /// <summary>FNV-1a over the key's characters: stable across processes, unlike string.GetHashCode.</summary>
    internal static ulong StableHash(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        // FNV's low bits mix poorly for short, similar keys; fold the high half in.
        return hash ^ (hash >> 32);
    }
}
