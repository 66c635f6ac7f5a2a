using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Rules;

namespace CrmCadenceSync.Core.Touches;

/// <summary>
/// The last look before a queued touch goes out (an automated email sent, a rep task written): queued or retried
/// writes can go out long after the step ran, and by then the enrollment may have ended or the contact have opted out,
/// bounced or asked not to be called.
/// </summary>
public static class WriteTimeCheck
{
    /// <param name="enrollmentExited">
    /// The enrollment was ended early (a reply, a booked meeting, an opt-out, an admin). One that completed still sends
    /// its last touch, queued as it completed.
    /// </param>
    /// <returns>Why the touch must not go out any more; null when it still may.</returns>
    public static string? Withdrawn(bool enrollmentExited, Contact? contact, StepChannel channel, bool sendsEmail)
    {
        if (enrollmentExited)
        {
            return "The enrollment ended before the touch went out.";
        }

        if (contact is null || contact.IsDeleted || contact.MergedIntoCrmId is not null)
        {
            return "The contact was deleted or merged before the touch went out.";
        }

        if (sendsEmail && contact.EmailOptOut)
        {
            return $"{SkipReason.EmailOptOut}: the contact opted out of email before it went out.";
        }

        if (sendsEmail && contact.EmailBounced)
        {
            return $"{SkipReason.EmailBounced}: the contact's address bounced before it went out.";
        }

        return channel is StepChannel.Call or StepChannel.Sms && contact.DoNotCall
            ? $"{SkipReason.DoNotCall}: the contact asked not to be called before it went out."
            : null;
    }
}
