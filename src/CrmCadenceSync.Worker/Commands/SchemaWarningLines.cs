using CrmCadenceSync.Worker.Connections.Schema;

namespace CrmCadenceSync.Worker.Commands;

/// <summary>Prints the start-up check's warnings before a <c>--once</c> cycle, one line each.</summary>
internal static class SchemaWarningLines
{
    public static void Write(IServiceProvider services, TextWriter output)
    {
        foreach (var line in services.GetService<SchemaWarnings>()?.Lines ?? [])
        {
            output.WriteLine($"Warning: {line}");
        }
    }
}
