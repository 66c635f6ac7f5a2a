using System.Security.Cryptography;
using System.Text;
using CrmCadenceSync.Core.Crm;

namespace CrmCadenceSync.Worker.Email;

/// <summary>An automated email to send, and the engagement to log in the CRM once it is sent.</summary>
/// <param name="MessageId">Derived from the touch's idempotency key, so every resend is the same message.</param>
public sealed record EmailSend(
    string MessageId, string FromAddress, string? FromName, string ToAddress, string? ToName, string Subject, string Body, CrmActivity Log)
{
    public static string MessageIdFor(string idempotencyKey) =>
        $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32]}@crmcadencesync";
}
