namespace CrmCadenceSync.Worker.Connections.Schema;

/// <summary>A CRM lacks what a cadence cannot run without; each line names connection, object, field, setting and fix.</summary>
public sealed class SchemaMismatchException : InvalidOperationException
{
    public SchemaMismatchException()
    {
    }

    public SchemaMismatchException(string message)
        : base(message)
    {
        Lines = [message];
    }

    public SchemaMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
        Lines = [message];
    }

    public SchemaMismatchException(IReadOnlyList<string> lines)
        : base(string.Join(Environment.NewLine, lines))
    {
        Lines = lines;
    }

    public IReadOnlyList<string> Lines { get; } = [];
}
