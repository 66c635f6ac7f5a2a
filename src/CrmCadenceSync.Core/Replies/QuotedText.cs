using System.Text.RegularExpressions;

namespace CrmCadenceSync.Core.Replies;

/// <summary>
/// Cuts a reply down to what its sender wrote: the quoted original (our own email, with its unsubscribe link) must
/// not decide what the reply says.
/// </summary>
public static partial class QuotedText
{
    public static string NewPart(string body)
    {
        var text = body.Replace("\r\n", "\n", StringComparison.Ordinal);
        var cut = QuoteStart().Match(text);
        if (cut.Success)
        {
            text = text[..cut.Index];
        }

        return string.Join('\n', text.Split('\n').Where(line => !line.TrimStart().StartsWith('>')));
    }

    // "On … wrote:", "Am … schrieb …:", "Le … a écrit :", "El … escribió:", Outlook's original-message line or header block.
    [GeneratedRegex(
        @"^[ \t]*(?:On\s.{1,200}?\swrote:|Am\s.{1,200}?\sschrieb.{0,60}:|Le\s.{1,200}?\sa\s+écrit\s*:|El\s.{1,200}?\sescribió\s*:|-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original)\s*-{2,}|(?:From|Von|De)\s*:\s.+\n(?:.*\n)?[ \t]*(?:Sent|Gesendet|Envoyé|Enviado(?:\s+el)?|Date|Datum|Fecha)\s*:)",
        RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuoteStart();
}
