using HandlebarsDotNet;
using HandlebarsDotNet.IO;

namespace CrmCadenceSync.Core.Templates;

/// <summary>
/// Compiles subject and body templates (Handlebars). A merge field the model lacks is reported, never rendered
/// as an empty hole, unless the template gives a fallback: <c>{{default contact.first_name "there"}}</c>.
/// </summary>
public sealed class TemplateEngine
{
    /// <summary>Marks where an unresolved field landed in the output; no CRM text contains it.</summary>
    internal const char MissingMark = '\u001F';

    private readonly IHandlebars handlebars;

    public TemplateEngine()
    {
        // Unresolved fields render as marked names instead of throwing: throwing would also fire inside
        // {{default …}}, whose whole point is a missing first argument. Output goes into CRM tasks and
        // plain-text emails, so HTML escaping would only mangle "AT&T".
        var configuration = new HandlebarsConfiguration
        {
            ThrowOnUnresolvedBindingExpression = false,
            NoEscape = true,
        };
        configuration.FormatterProviders.Add(new UndefinedFormatter($"{MissingMark}{{0}}{MissingMark}"));
        handlebars = Handlebars.Create(configuration);
        handlebars.RegisterHelper("default", (in HelperOptions _, in Context _, in Arguments args) =>
            args.Length switch
            {
                0 => null,
                1 => args[0],
                _ => IsMissing(args[0]) ? args[1] : args[0],
            });
    }

    /// <exception cref="TemplateSyntaxException">The source is not a valid template.</exception>
    public MessageTemplate Compile(string source)
    {
        try
        {
            return new MessageTemplate(source, handlebars.Compile(source));
        }
        catch (HandlebarsException e)
        {
            throw new TemplateSyntaxException(e.Message, e);
        }
    }

    private static bool IsMissing(object? value) =>
        value is null or UndefinedBindingResult || (value is string text && string.IsNullOrWhiteSpace(text));
}
