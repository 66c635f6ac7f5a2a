namespace CrmCadenceSync.Worker.Connections.Schema;

/// <summary>The start-up check's warnings (optional fields left out of the reads), for <c>--once</c> to print.</summary>
public sealed class SchemaWarnings
{
    private readonly List<string> lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
            {
                return [.. lines];
            }
        }
    }

    public void Add(string line)
    {
        lock (lines)
        {
            lines.Add(line);
        }
    }
}
