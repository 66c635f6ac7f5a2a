using System.Reflection;
using System.Text.Json;
using CrmCadenceSync.Worker.Commands;
using Microsoft.Extensions.Configuration;

namespace CrmCadenceSync.Worker.Tests.Demo;

/// <summary>The production worker ships without the sandboxes: no reference to mocks/, and the sandbox off in its configuration.</summary>
public sealed class ProductionWorkerTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("ccs-production-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void The_worker_and_the_assemblies_it_references_reference_nothing_under_mocks()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<Assembly>([typeof(WorkerHost).Assembly]);
        while (pending.TryDequeue(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                Assert.False(IsSandbox(reference.Name), $"{assembly.GetName().Name} references {reference.Name}.");
                if (reference.Name!.StartsWith("CrmCadenceSync.", StringComparison.Ordinal) && seen.Add(reference.Name))
                {
                    pending.Enqueue(Assembly.Load(reference));
                }
            }
        }

        Assert.Contains("CrmCadenceSync.HubSpot", seen);
    }

    [Fact]
    public void The_worker_build_lists_no_mocks_and_no_WireMock_among_its_dependencies()
    {
        // The compiler drops references no code uses; the build's dependency file lists every project and package.
        var deps = Path.Combine(AppContext.BaseDirectory, "CrmCadenceSync.Worker.deps.json");
        using var json = JsonDocument.Parse(File.ReadAllText(deps));
        var libraries = json.RootElement.GetProperty("libraries").EnumerateObject().Select(library => library.Name.Split('/')[0]).ToList();

        Assert.Contains("CrmCadenceSync.Salesforce", libraries);
        Assert.DoesNotContain(libraries, IsSandbox);
    }

    [Fact]
    public void The_shipped_appsettings_has_the_sandbox_off()
    {
        var shipped = new ConfigurationBuilder().AddJsonFile(RepositoryFiles.Path("appsettings.json"), optional: false).Build();

        Assert.False(shipped.GetValue<bool?>("Sandbox:Enabled") ?? true, "Sandbox:Enabled should be set, to false.");
        Assert.Null(shipped["Sandbox:StartAt"]);
    }

    [Fact]
    public async Task The_production_worker_refuses_Sandbox_Enabled_naming_the_key_and_the_demo()
    {
        using var output = new StringWriter();

        var exitCode = await WorkerCommandLine.Create(output).Parse(
            ["--once", "--Sandbox:Enabled=true", $"--Storage:ConnectionString=Data Source={Path.Combine(folder, "ccs.db")}"]).InvokeAsync();

        Assert.Equal(RunWorker.Failed, exitCode);
        var lines = output.ToString().Split(Environment.NewLine);
        Assert.Equal("The worker cannot start:", lines[0]);
        Assert.StartsWith("  - Sandbox:Enabled is true, but the production worker has no sandboxes: run the demo (dotnet run --project src/CrmCadenceSync.Demo)", lines[1], StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "ccs.db")), "Nothing should be stored before the refusal.");
    }

    private static bool IsSandbox(string? name) =>
        name is not null && (name == "Mocks" || name.StartsWith("CrmCadenceSync.Mocks", StringComparison.Ordinal)
            || name.StartsWith("WireMock", StringComparison.OrdinalIgnoreCase) || name.StartsWith("CrmCadenceSync.Demo", StringComparison.Ordinal));
}
