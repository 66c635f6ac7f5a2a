using HandlebarsDotNet;

namespace CrmCadenceSync.Core.Templates;

/// <summary>
/// Compiles subject and body templates (Handlebars). A merge field the model lacks is an error, never an
/// empty hole, unless the template gives a fallback: <c>{{default contact.first_name "there"}}</c>.
/// </summary>
public sealed class TemplateEngine
{
    private readonly IHandlebars handlebars;

    public TemplateEngine()
    {
        // Output goes into CRM tasks and plain-text emails, so HTML escaping would only mangle "AT&T".
        handlebars = Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = true, NoEscape = true });
        handlebars.RegisterHelper("default", (in HelperOptions _, in Context _, in Arguments args) =>
            args.Length < 2 || !IsMissing(args[0]) ? (args.Length > 0 ? args[0] : null) : args[1]);
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
