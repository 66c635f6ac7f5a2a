namespace CrmCadenceSync.Core.Rules.Compilation;

/// <summary>One problem in a rule set, in words an admin can act on; the message names the segment, cadence or step.</summary>
public sealed record RuleSetError(string Message)
{
    public override string ToString() => Message;
}
