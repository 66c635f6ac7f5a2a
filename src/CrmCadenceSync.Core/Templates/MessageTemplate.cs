using HandlebarsDotNet;
using HandlebarsDotNet.Compiler;

namespace CrmCadenceSync.Core.Templates;

/// <summary>A compiled template: compiled once per rule set, rendered per contact.</summary>
public sealed class MessageTemplate
{
    // Bounds the retries that collect every missing field; no real template has more.
    private const int MaxMissingFields = 64;

    private readonly HandlebarsTemplate<object, object> render;

    internal MessageTemplate(string source, HandlebarsTemplate<object, object> render)
    {
        Source = source;
        this.render = render;
    }

    public string Source { get; }

    /// <summary>Renders the template; when merge fields are missing, names all of them.</summary>
    public RenderResult Render(TemplateModel model)
    {
        List<string>? missing = null;
        var values = model.Values;
        for (var attempt = 0; attempt <= MaxMissingFields; attempt++)
        {
            try
            {
                var text = render(values);
                return missing is null ? new RenderResult(text, []) : new RenderResult(null, missing);
            }
            catch (HandlebarsUndefinedBindingException e)
            {
                missing ??= [];
                missing.Add(e.Path);
                values = TemplateModel.WithPlaceholder(values, e.Path);
            }
        }

        return new RenderResult(null, missing ?? []);
    }
}
