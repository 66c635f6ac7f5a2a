namespace CrmCadenceSync.Mocks;

/// <summary>One incoming email as a mail server delivers it: subject, plain text and the raw header block.</summary>
/// <param name="Headers">Raw headers as Salesforce keeps them in <c>EmailMessage.Headers</c>; null when there are none to keep.</param>
public sealed record SandboxReply(string Subject, string Body, string? Headers = null);
