using System.Text;
using CrmCadenceSync.Core.Contacts;

namespace CrmCadenceSync.Core.Identity;

/// <summary>The value two records must share to be the same person.</summary>
public static class IdentityKey
{
    /// <returns>The normalised key, or null when the contact cannot be linked (no email, or linking off).</returns>
    public static string? Of(Contact contact, IdentityMatch match) => match switch
    {
        IdentityMatch.Email => Normalise(contact.Email),
        _ => null,
    };

    /// <summary>
    /// Email addresses are matched case-insensitively (upper- and lower-case mailboxes reach one person in practice), for
    /// every script: composed and decomposed accents are made one form (NFC) before lower-casing, so "ÉLODIE@Example.fr"
    /// and "élodie@example.fr" are one key.
    /// </summary>
    public static string? Normalise(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();
}
