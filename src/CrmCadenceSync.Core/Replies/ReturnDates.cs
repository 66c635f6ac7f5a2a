using System.Globalization;
using System.Text.RegularExpressions;

namespace CrmCadenceSync.Core.Replies;

/// <summary>
/// Finds the day an auto-reply says its sender is back: "I am back on 14 January", "ab dem 14. Januar wieder im Büro",
/// "de retour le 14 janvier", "estaré de vuelta el 14 de enero", "until 13/01/2027" (back the day after), ISO dates.
/// A date without a year is the next such day on or after the reply.
/// </summary>
public static partial class ReturnDates
{
    /// <summary>How far ahead a named day may lie and still be taken for a return date.</summary>
    public const int MaxDaysAhead = 180;

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    private static readonly Dictionary<string, int> Months = BuildMonths();

    /// <param name="text">The reply's subject and new text.</param>
    /// <param name="received">The day the reply arrived, in the contact's zone.</param>
    public static DateOnly? Find(string text, DateOnly received)
    {
        var mentions = Mentions(text, received)
            .Where(m => m.Date >= received && m.Date.DayNumber - received.DayNumber <= MaxDaysAhead)
            .OrderBy(m => m.Index)
            .ToList();
        if (mentions.Count == 0)
        {
            return null;
        }

        // A day named as the return wins; a day named as the end of the absence means back the day after; else the latest.
        foreach (var mention in mentions)
        {
            var before = text[Math.Max(0, mention.Index - 40)..mention.Index];
            var after = text[(mention.Index + mention.Length)..Math.Min(text.Length, mention.Index + mention.Length + 30)];
            if (ReturnCueBefore().IsMatch(before) || ReturnCueAfter().IsMatch(after))
            {
                return mention.Date;
            }

            if (UntilCueBefore().IsMatch(before))
            {
                return mention.Date.AddDays(1);
            }
        }

        return mentions.Max(m => m.Date);
    }

    private static IEnumerable<(int Index, int Length, DateOnly Date)> Mentions(string text, DateOnly received)
    {
        foreach (Match m in DayMonth().Matches(text))
        {
            if (Resolve(received, Year(m.Groups["year"]), Months.GetValueOrDefault(Key(m.Groups["month"].Value)), int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture)) is { } date)
            {
                yield return (m.Index, m.Length, date);
            }
        }

        foreach (Match m in MonthDay().Matches(text))
        {
            if (Resolve(received, Year(m.Groups["year"]), Months.GetValueOrDefault(Key(m.Groups["month"].Value)), int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture)) is { } date)
            {
                yield return (m.Index, m.Length, date);
            }
        }

        foreach (Match m in IsoDate().Matches(text))
        {
            if (Resolve(received, Year(m.Groups["year"]), Number(m.Groups["month"]), Number(m.Groups["day"])) is { } date)
            {
                yield return (m.Index, m.Length, date);
            }
        }

        foreach (Match m in NumericDate().Matches(text))
        {
            var first = Number(m.Groups["a"]);
            var second = Number(m.Groups["b"]);
            var year = Year(m.Groups["year"]);
            var dayFirst = Resolve(received, year, second, first);

            // 01/14/2027 can only be month first; 03/04 could be either, and the nearer day ahead is the likelier return.
            var monthFirst = m.Groups["sep"].Value == "/" ? Resolve(received, year, first, second) : null;
            DateOnly? pick = (dayFirst, monthFirst) switch
            {
                ({ } d, { } f) => Nearer(received, d, f),
                ({ } d, null) => d,
                (null, { } f) => f,
                _ => null,
            };
            if (pick is { } date)
            {
                yield return (m.Index, m.Length, date);
            }
        }
    }

    private static DateOnly Nearer(DateOnly received, DateOnly a, DateOnly b)
    {
        var da = a >= received ? a.DayNumber - received.DayNumber : int.MaxValue;
        var db = b >= received ? b.DayNumber - received.DayNumber : int.MaxValue;
        return db < da ? b : a;
    }

    /// <summary>The day, in the year given or else the next one on or after <paramref name="received"/>; null when no such day exists.</summary>
    private static DateOnly? Resolve(DateOnly received, int? year, int month, int day)
    {
        if (month is < 1 or > 12 || day < 1)
        {
            return null;
        }

        if (year is { } y)
        {
            return day <= DateTime.DaysInMonth(y, month) ? new DateOnly(y, month, day) : null;
        }

        for (var candidate = received.Year; candidate <= received.Year + 1; candidate++)
        {
            if (day <= DateTime.DaysInMonth(candidate, month) && new DateOnly(candidate, month, day) is var date && date >= received)
            {
                return date;
            }
        }

        return null;
    }

    private static int? Year(Group group)
    {
        if (!group.Success)
        {
            return null;
        }

        var value = int.Parse(group.Value, CultureInfo.InvariantCulture);
        return value < 100 ? 2000 + value : value;
    }

    private static int Number(Group group) => int.Parse(group.Value, CultureInfo.InvariantCulture);

    private static string Key(string month) =>
        month.ToLowerInvariant().TrimEnd('.').Replace('é', 'e').Replace('è', 'e').Replace('û', 'u').Replace('ä', 'a');

    private static Dictionary<string, int> BuildMonths()
    {
        string[][] names =
        [
            ["january", "jan", "januar", "jänner", "janner", "janvier", "janv", "enero", "ene"],
            ["february", "feb", "februar", "fevrier", "fevr", "fev", "febrero"],
            ["march", "mar", "marz", "maerz", "mars", "marzo"],
            ["april", "apr", "avril", "avr", "abril", "abr"],
            ["may", "mai", "mayo"],
            ["june", "jun", "juni", "juin", "junio"],
            ["july", "jul", "juli", "juillet", "juil", "julio"],
            ["august", "aug", "aout", "agosto", "ago"],
            ["september", "sep", "sept", "septembre", "septiembre", "setiembre"],
            ["october", "oct", "oktober", "okt", "octobre", "octubre"],
            ["november", "nov", "novembre", "noviembre"],
            ["december", "dec", "dezember", "dez", "decembre", "diciembre", "dic"],
        ];
        var months = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            foreach (var name in names[i])
            {
                months[Key(name)] = i + 1;
            }
        }

        return months;
    }

    private const string MonthName =
        @"(?<month>january|february|march|april|may|june|july|august|september|october|november|december|jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept?\.?|oct\.?|nov\.?|dec\.?|januar|jänner|februar|märz|maerz|juni|juli|oktober|okt\.?|dezember|dez\.?|janvier|janv\.?|février|fevrier|févr\.?|mars|avril|avr\.?|mai|juin|juillet|juil\.?|août|aout|septembre|octobre|novembre|décembre|decembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)";

    // 14 January, 14th of January, 14. Januar, 1er janvier, 14 de enero (de 2027), 14 January 2027.
    [GeneratedRegex(@"\b(?<day>[0-3]?\d)(?:st|nd|rd|th|er|\.|º)?\s*(?:of\s+|de\s+)?" + MonthName + @"\b(?:,?\s*(?:de\s+)?(?<year>20\d\d)\b)?", Options)]
    private static partial Regex DayMonth();

    // January 14, January 14th, 2027.
    [GeneratedRegex(@"\b" + MonthName + @"\s+(?<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s*(?<year>20\d\d)\b)?", Options)]
    private static partial Regex MonthDay();

    [GeneratedRegex(@"\b(?<year>20\d\d)-(?<month>[01]?\d)-(?<day>[0-3]?\d)\b", Options)]
    private static partial Regex IsoDate();

    // 14.01.2027, 14.1., 14/01/27, 01/14/2027, 14-01-2027.
    [GeneratedRegex(@"(?<![\d./-])(?<a>[0-3]?\d)(?<sep>[./-])(?<b>[01]?\d)(?:\k<sep>(?<year>20\d\d|\d\d)\b|\.(?!\d))?(?![\d/-])", Options)]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"(?:\bback\b|\breturn(?:ing)?\b|\bin the office\b|\bin office\b|\bavailable\b|\bzurück\b|\bwieder\b|\bab dem\b|\bab\s*$|\bab\s+\w+,?\s*(?:dem\s*)?$|\bretour\b|\brentre\b|\bà partir du\b|\ba partir du\b|\bde vuelta\b|\bregres\w*|\bvolver\w*|\ba partir del\b|\bdisponible\b)[^.\n]{0,25}$", Options)]
    private static partial Regex ReturnCueBefore();

    [GeneratedRegex(@"^[^.\n]{0,12}\b(?:wieder|zurück|back|de retour|de vuelta)\b", Options)]
    private static partial Regex ReturnCueAfter();

    [GeneratedRegex(@"(?:\buntil\b|\btill\b|\bthrough\b|\bthru\b|\bbis\b|\bjusqu['’]au\b|\bjusqu['’]à\b|\bhasta\b)[^.\n]{0,20}$", Options)]
    private static partial Regex UntilCueBefore();
}
