using CrmCadenceSync.Demo.Sandbox;
using CrmCadenceSync.Worker.Commands;

namespace CrmCadenceSync.Demo;

/// <summary>The demo: the production worker, every verb, with the sandboxes added to each host it builds.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) =>
        WorkerCommandLine.Create(Console.Out, DemoSandboxes.Add).Parse(args).InvokeAsync();
}
