using System.Globalization;
using CrmCadenceSync.Mocks.Salesforce.State;

namespace CrmCadenceSync.Mocks.Salesforce.Soql;

/// <summary>
/// Parses the SOQL subset the connector sends: field lists, one FROM object, WHERE with AND / OR / NOT, parentheses,
/// comparisons and IN over string, number, boolean, null, date and dateTime literals, ORDER BY and LIMIT.
/// </summary>
internal sealed class SoqlParser
{
    private readonly List<string> tokens;
    private readonly List<string> referenced = [];
    private int position;

    private SoqlParser(string soql) => tokens = Tokenize(soql);

    public static SoqlQuery Parse(string soql) => new SoqlParser(soql).ParseQuery();

    private SoqlQuery ParseQuery()
    {
        Expect("SELECT");
        var fields = new List<string> { Identifier() };
        while (Accept(","))
        {
            fields.Add(Identifier());
        }

        Expect("FROM");
        var from = Identifier();
        Func<SandboxRecord, bool> where = _ => true;
        if (Accept("WHERE"))
        {
            where = Or();
        }

        var orderBy = new List<(string, bool)>();
        if (Accept("ORDER"))
        {
            Expect("BY");
            do
            {
                var field = Identifier();
                referenced.Add(field);
                var descending = Accept("DESC");
                if (!descending)
                {
                    Accept("ASC");
                }

                orderBy.Add((field, descending));
            }
            while (Accept(","));
        }

        int? limit = null;
        if (Accept("LIMIT"))
        {
            limit = int.Parse(Next("a LIMIT count"), NumberStyles.None, CultureInfo.InvariantCulture);
        }

        if (position < tokens.Count)
        {
            throw Malformed($"unexpected token '{tokens[position]}'");
        }

        return new SoqlQuery(fields, from, where, orderBy, limit, [.. fields, .. referenced]);
    }

    private Func<SandboxRecord, bool> Or()
    {
        var left = And();
        while (Accept("OR"))
        {
            var (a, b) = (left, And());
            left = r => a(r) || b(r);
        }

        return left;
    }

    private Func<SandboxRecord, bool> And()
    {
        var left = Unary();
        while (Accept("AND"))
        {
            var (a, b) = (left, Unary());
            left = r => a(r) && b(r);
        }

        return left;
    }

    private Func<SandboxRecord, bool> Unary()
    {
        if (Accept("NOT"))
        {
            var inner = Unary();
            return r => !inner(r);
        }

        if (Accept("("))
        {
            var inner = Or();
            Expect(")");
            return inner;
        }

        return Comparison();
    }

    private Func<SandboxRecord, bool> Comparison()
    {
        var field = Identifier();
        referenced.Add(field);
        var negated = Accept("NOT");
        if (Accept("IN"))
        {
            Expect("(");
            var values = new List<object?> { Literal() };
            while (Accept(","))
            {
                values.Add(Literal());
            }

            Expect(")");
            return r => values.Any(v => SoqlValues.AreEqual(r[field], v)) != negated;
        }

        if (negated)
        {
            throw Malformed("NOT must be followed by IN here");
        }

        var op = Next("a comparison operator");
        var literal = Literal();
        return op switch
        {
            "=" => r => SoqlValues.AreEqual(r[field], literal),
            "!=" or "<>" => r => !SoqlValues.AreEqual(r[field], literal),
            ">" => r => SoqlValues.Compare(r[field], literal) > 0,
            ">=" => r => SoqlValues.Compare(r[field], literal) >= 0,
            "<" => r => SoqlValues.Compare(r[field], literal) < 0,
            "<=" => r => SoqlValues.Compare(r[field], literal) <= 0,
            _ => throw Malformed($"unknown operator '{op}'"),
        };
    }

    private object? Literal()
    {
        var token = Next("a value");
        if (token.StartsWith('\''))
        {
            return token[1..^1];
        }

        switch (token.ToUpperInvariant())
        {
            case "NULL":
                return null;
            case "TRUE":
                return true;
            case "FALSE":
                return false;
        }

        if (token.Contains('T', StringComparison.Ordinal) && token.Contains(':', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(token, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dateTime))
        {
            return dateTime.ToUniversalTime();
        }

        if (token.Count(c => c == '-') == 2 && DateOnly.TryParseExact(token, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        return decimal.TryParse(token, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Malformed($"'{token}' is not a value");
    }

    private string Identifier()
    {
        var token = Next("a field or object name");
        return char.IsLetter(token[0]) ? token : throw Malformed($"expected a name, found '{token}'");
    }

    private bool Accept(string expected)
    {
        if (position < tokens.Count && string.Equals(tokens[position], expected, StringComparison.OrdinalIgnoreCase))
        {
            position++;
            return true;
        }

        return false;
    }

    private void Expect(string expected)
    {
        if (!Accept(expected))
        {
            throw Malformed($"expected {expected} at '{(position < tokens.Count ? tokens[position] : "end of query")}'");
        }
    }

    private string Next(string what) =>
        position < tokens.Count ? tokens[position++] : throw Malformed($"expected {what} at end of query");

    private static SoqlException Malformed(string detail) => new("MALFORMED_QUERY", $"unexpected token: {detail}");

    private static List<string> Tokenize(string soql)
    {
        var result = new List<string>();
        var i = 0;
        while (i < soql.Length)
        {
            var c = soql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '\'')
            {
                var text = new System.Text.StringBuilder("'");
                i++;
                while (i < soql.Length && soql[i] != '\'')
                {
                    text.Append(soql[i] == '\\' && i + 1 < soql.Length ? soql[++i] : soql[i]);
                    i++;
                }

                if (i >= soql.Length)
                {
                    throw Malformed("unterminated string literal");
                }

                result.Add(text.Append('\'').ToString());
                i++;
            }
            else if ("(),".Contains(c, StringComparison.Ordinal))
            {
                result.Add(c.ToString());
                i++;
            }
            else if ("=!<>".Contains(c, StringComparison.Ordinal))
            {
                var length = i + 1 < soql.Length && "=>".Contains(soql[i + 1], StringComparison.Ordinal) ? 2 : 1;
                result.Add(soql.Substring(i, length));
                i += length;
            }
            else
            {
                var start = i;
                while (i < soql.Length && (char.IsLetterOrDigit(soql[i]) || "_.:-+".Contains(soql[i], StringComparison.Ordinal)))
                {
                    i++;
                }

                if (i == start)
                {
                    throw Malformed($"unexpected character '{c}'");
                }

                result.Add(soql[start..i]);
            }
        }

        return result;
    }
}
