namespace CrmCadenceSync.Core.Templates;

public sealed class TemplateSyntaxException(string message, Exception inner) : Exception(message, inner);
