using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Rules.Compilation;
using CrmCadenceSync.Core.Rules.Definitions;
using CrmCadenceSync.Worker.Extensions;
using CrmCadenceSync.Worker.Rules;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Commands;

/// <summary>
/// <c>rules check</c>: validates a rule set exactly as start-up does and prints what it would run, so an admin
/// (or a deploy pipeline) can check a change before it goes live.
/// </summary>
internal static class RulesCheck
{
    public const int Valid = 0;
    public const int Invalid = 1;
    public const int Unreadable = 2;

    /// <param name="file">A JSON file with Segments, Cadences and Policies; null checks the worker's own configuration.</param>
    /// <param name="hostArgs">Command-line configuration overrides, as the worker would receive them.</param>
    public static int Run(FileInfo? file, string[] hostArgs, TextWriter output)
    {
        RuleSetCompilation compilation;
        try
        {
            compilation = file is null ? FromHostConfiguration(hostArgs) : FromFile(file);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or FormatException or InvalidOperationException)
        {
            output.WriteLine($"Cannot read the rule set from {(file is null ? "the configuration" : $"'{file.FullName}'")}: {e.Message}");
            return Unreadable;
        }

        if (compilation.RuleSet is not { } rules)
        {
            output.WriteLine($"The rule set is invalid ({compilation.Errors.Count} {(compilation.Errors.Count == 1 ? "error" : "errors")}):");
            foreach (var error in compilation.Errors)
            {
                output.WriteLine($"  - {error.Message}");
            }

            return Invalid;
        }

        RuleSetSummary.Write(rules, output);
        return Valid;
    }

    private static RuleSetCompilation FromHostConfiguration(string[] hostArgs)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = hostArgs,
            ContentRootPath = ContentRoot.Locate(),
        });
        builder.Logging.ClearProviders();
        builder.AddCadenceRules();
        using var host = builder.Build();
        try
        {
            return new RuleSetCompilation(host.Services.GetRequiredService<RuleSet>(), []);
        }
        catch (OptionsValidationException e)
        {
            return new RuleSetCompilation(null, [.. e.Failures.Select(f => new RuleSetError(StripPrefix(f)))]);
        }
    }

    private static RuleSetCompilation FromFile(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new FileNotFoundException("the file does not exist.", file.FullName);
        }

        // A file of its own, not layered over appsettings.json: layering would merge lists item by item.
        var configuration = new ConfigurationBuilder().AddJsonFile(file.FullName, optional: false).Build();
        var definition = new RuleSetDefinition();
        configuration.Bind(definition);
        return RuleSetCompiler.Compile(definition);
    }

    private static string StripPrefix(string failure) =>
        failure.StartsWith(RuleSetDefinitionValidator.Prefix, StringComparison.Ordinal)
            ? failure[RuleSetDefinitionValidator.Prefix.Length..]
            : failure;
}
