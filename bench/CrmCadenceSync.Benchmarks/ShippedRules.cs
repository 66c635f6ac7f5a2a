using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Rules.Compilation;
using CrmCadenceSync.Core.Rules.Definitions;
using Microsoft.Extensions.Configuration;

namespace CrmCadenceSync.Benchmarks;

/// <summary>The rule set from the repository's appsettings.json, compiled as the worker compiles it.</summary>
internal static class ShippedRules
{
    public static RuleSet Load()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Locate("appsettings.json")).Build();
        var definition = new RuleSetDefinition();
        configuration.Bind(definition);
        var compilation = RuleSetCompiler.Compile(definition);
        return compilation.RuleSet ?? throw new InvalidOperationException(string.Join(Environment.NewLine, compilation.Errors));
    }

    private static string Locate(string file)
    {
        // BenchmarkDotNet runs the code from a generated folder, so search from both places.
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CrmCadenceSync.sln")))
                {
                    return Path.Combine(dir.FullName, file);
                }
            }
        }

        throw new FileNotFoundException("Run the benchmark from inside the repository.", file);
    }
}
