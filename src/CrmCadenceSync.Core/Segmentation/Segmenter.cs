using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Rules;

namespace CrmCadenceSync.Core.Segmentation;

public static class Segmenter
{
    /// <summary>The first segment, in rule-set order, that the contact matches; null when none does.</summary>
    public static Segment? Match(RuleSet rules, Contact contact)
    {
        var segments = rules.Segments;
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i].Matches(contact))
            {
                return segments[i];
            }
        }

        return null;
    }
}
