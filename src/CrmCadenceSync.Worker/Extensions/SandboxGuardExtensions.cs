namespace CrmCadenceSync.Worker.Extensions;

/// <summary>
/// The production worker carries no sandbox: <c>Sandbox:Enabled</c> is honoured only by an entry point that hosts
/// the sandboxes (the demo), which says so on the host builder.
/// </summary>
public static class SandboxGuardExtensions
{
    public const string EnabledKey = "Sandbox:Enabled";

    private const string HostedProperty = "CrmCadenceSync.SandboxHosted";

    /// <summary>Called by an entry point whose host extension starts the sandboxes for <c>Sandbox:Enabled</c>.</summary>
    public static IHostApplicationBuilder MarkSandboxHosted(this IHostApplicationBuilder builder)
    {
        builder.Properties[HostedProperty] = true;
        return builder;
    }

    /// <summary>Stops start-up when the configuration asks for sandboxes this process cannot start.</summary>
    public static IHostApplicationBuilder RefuseUnhostedSandbox(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue(EnabledKey, defaultValue: false) && !builder.Properties.ContainsKey(HostedProperty))
        {
            throw new InvalidOperationException(
                $"{EnabledKey} is true, but the production worker has no sandboxes: run the demo " +
                "(dotnet run --project src/CrmCadenceSync.Demo), or set Sandbox:Enabled=false and give each connection its real address and credentials.");
        }

        return builder;
    }
}
