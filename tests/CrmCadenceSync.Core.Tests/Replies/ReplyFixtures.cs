using System.Globalization;
using CrmCadenceSync.Core.Replies;

namespace CrmCadenceSync.Core.Tests.Replies;

/// <summary>Loads the real-looking replies under Replies/Fixtures: a header block, a blank line, the plain-text body.</summary>
internal static class ReplyFixtures
{
    public static ReplyMessage Load(string name, bool withHeaders = true)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Replies", "Fixtures", name + ".eml")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var headers = text[..split];
        var body = text[(split + 2)..];
        var fields = AutoReplyHeaders.Parse(headers).ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase);
        return new ReplyMessage(Date(fields["Date"]), fields["Subject"], body, withHeaders ? headers : null);
    }

    /// <summary>RFC 5322 date, "Tue, 22 Dec 2026 15:42:10 +0100".</summary>
    private static DateTimeOffset Date(string value)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var local = DateTime.ParseExact(string.Join(' ', parts[1..5]), "d MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture);
        var offset = parts[5];
        var span = new TimeSpan(int.Parse(offset[1..3], CultureInfo.InvariantCulture), int.Parse(offset[3..5], CultureInfo.InvariantCulture), 0);
        return new DateTimeOffset(local, offset[0] == '-' ? -span : span);
    }
}
