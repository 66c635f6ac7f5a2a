using CrmCadenceSync.Core.Contacts;

namespace CrmCadenceSync.Core.Rules;

public static class EngagementSignals
{
    /// <summary>When the contact last showed the signal, if it did so at or after <paramref name="since"/>.</summary>
    public static DateTimeOffset? At(Contact contact, EngagementSignal signal, DateTimeOffset? since)
    {
        var at = signal switch
        {
            EngagementSignal.LastEmailOpened => contact.LastEmailOpenedAt,
            EngagementSignal.LastEmailClicked => contact.LastEmailClickedAt,
            EngagementSignal.LastEmailReplied => contact.LastRepliedAt,
            _ => null,
        };
        return since is { } start && at >= start ? at : null;
    }
}
