namespace CrmCadenceSync.Core.Enrollments;

/// <summary>
/// How an exit reads where a rep sees it (the CRM status property, the CRM card): short, lower-case words a rep can
/// filter a view on, instead of the stored code (<c>CallOutcome:not interested</c>).
/// </summary>
public static class ExitWording
{
    public static string Label(ExitReason reason, string? detail) => reason switch
    {
        ExitReason.Replied => "replied",
        ExitReason.MeetingBooked => "meeting booked",
        ExitReason.Bounced => "email bounced",
        ExitReason.OptedOut => detail == EnrollmentEngine.UnsubscribeReplyDetail ? "opted out by reply" : "opted out",
        ExitReason.LeftCompany => "left the company",
        ExitReason.Deleted => "record deleted",
        ExitReason.Merged => "record merged",
        ExitReason.LeadConverted => "lead converted",
        ExitReason.MovedToAnotherCadence => "moved to another cadence",
        ExitReason.StepSuppressed => "step suppressed",
        ExitReason.Manual => "ended by an admin",
        ExitReason.NoResponse => "no response",
        ExitReason.HeldTooLong => "held too long",
        ExitReason.CallOutcome => detail is null ? "call outcome" : $"call outcome '{detail}'",
        _ => reason.ToString(),
    };

    /// <summary>The same for an exit as stored: the reason, then any detail after the first colon.</summary>
    public static string Label(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var parts = stored.Split(':', 2);
        return Enum.TryParse<ExitReason>(parts[0], out var reason) ? Label(reason, parts.Length == 2 ? parts[1] : null) : stored;
    }
}
