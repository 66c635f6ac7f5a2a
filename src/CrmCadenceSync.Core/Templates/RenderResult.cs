namespace CrmCadenceSync.Core.Templates;

/// <summary>
/// The rendered text, or the merge fields (such as <c>contact.company</c>) that kept it from rendering. A preview
/// has both: the text with each missing field marked, and the list.
/// </summary>
public sealed record RenderResult(string? Text, IReadOnlyList<string> MissingFields)
{
    public bool IsComplete => Text is not null && MissingFields.Count == 0;
}
