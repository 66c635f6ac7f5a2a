using System.Text.RegularExpressions;
using HandlebarsDotNet;

namespace CrmCadenceSync.Core.Templates;

/// <summary>A compiled template: compiled once per rule set, rendered per contact.</summary>
public sealed partial class MessageTemplate
{
    private readonly HandlebarsTemplate<object, object> render;
    private readonly string[] requiredPaths;

    internal MessageTemplate(string source, HandlebarsTemplate<object, object> render)
    {
        Source = source;
        this.render = render;
        requiredPaths = RequiredPaths(source);
        Fields = ReferencedPaths(source);
    }

    public string Source { get; }

    /// <summary>Every dotted merge field the template mentions (printed, given a fallback or tested by <c>#if</c>), in order.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>Renders the template; when merge fields are missing, returns no text and names all of them.</summary>
    public RenderResult Render(TemplateModel model)
    {
        var text = render(model.Values);
        if (!text.Contains(TemplateEngine.MissingMark, StringComparison.Ordinal))
        {
            return new RenderResult(text, []);
        }

        // The output names only the last segment ("company"); the template's own paths give the full name.
        var missingNames = MissingName().Matches(text).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = requiredPaths
            .Where(path => missingNames.Contains(LastSegment(path)) && !model.Resolves(path))
            .ToList();
        return new RenderResult(null, missing.Count > 0 ? missing : [.. missingNames]);
    }

    /// <summary>
    /// Renders with each missing field left empty, for a step whose declared required fields alone decide whether it
    /// is held; the result names the fields it left empty.
    /// </summary>
    public RenderResult RenderWithGaps(TemplateModel model)
    {
        var text = render(model.Values);
        var missing = new List<string>();
        var filled = MissingName().Replace(text, m =>
        {
            missing.Add(PathOf(m.Groups["name"].Value, model));
            return "";
        });
        return new RenderResult(filled, [.. missing.Distinct(StringComparer.OrdinalIgnoreCase)]);
    }

    /// <summary>
    /// Renders for an admin's preview: fallbacks apply as in a real send, and each missing field shows in place as
    /// <c>[missing: contact.company]</c> instead of stopping the render.
    /// </summary>
    public RenderResult Preview(TemplateModel model)
    {
        var text = render(model.Values);
        var missing = new List<string>();
        var shown = MissingName().Replace(text, m =>
        {
            var path = PathOf(m.Groups["name"].Value, model);
            missing.Add(path);
            return $"[missing: {path}]";
        });
        return new RenderResult(shown, [.. missing.Distinct(StringComparer.OrdinalIgnoreCase)]);
    }

    /// <summary>The full path of a field the output names by its last segment only.</summary>
    private string PathOf(string name, TemplateModel model) =>
        requiredPaths.FirstOrDefault(p => LastSegment(p).Equals(name, StringComparison.OrdinalIgnoreCase) && !model.Resolves(p)) ?? name;

    private static string[] ReferencedPaths(string source) =>
    [
        .. Mustache().Matches(source)
            .SelectMany(mustache => PathToken().Matches(QuotedText().Replace(mustache.Groups["body"].Value, " ")).Select(t => t.Value))
            .Where(t => t.Contains('.', StringComparison.Ordinal))
            .Distinct(StringComparer.OrdinalIgnoreCase),
    ];

    /// <summary>Dotted paths the template prints, in order, without those given a fallback by <c>default</c>.</summary>
    private static string[] RequiredPaths(string source)
    {
        var paths = new List<string>();
        foreach (Match mustache in Mustache().Matches(source))
        {
            var expression = QuotedText().Replace(mustache.Groups["body"].Value, " ");
            var tokens = PathToken().Matches(expression).Select(t => t.Value).ToList();
            var skip = tokens.Count > 1 && tokens[0] == "default" ? 2 : 0;
            paths.AddRange(tokens.Skip(skip).Where(t => t.Contains('.', StringComparison.Ordinal)));
        }

        return [.. paths.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static string LastSegment(string path) => path[(path.LastIndexOf('.') + 1)..];

    [GeneratedRegex("\u001F(?<name>[^\u001F]*)\u001F")]
    private static partial Regex MissingName();

    [GeneratedRegex(@"\{\{[{#/^~]*(?<body>.*?)~?\}\}", RegexOptions.Singleline)]
    private static partial Regex Mustache();

    [GeneratedRegex("\"[^\"]*\"|'[^']*'")]
    private static partial Regex QuotedText();

    [GeneratedRegex(@"[A-Za-z_@][\w-]*(?:\.[A-Za-z_][\w-]*)*")]
    private static partial Regex PathToken();
}
