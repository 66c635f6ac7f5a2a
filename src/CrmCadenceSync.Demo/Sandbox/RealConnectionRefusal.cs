using CrmCadenceSync.Worker.Connections;
using CrmCadenceSync.Worker.Extensions;

namespace CrmCadenceSync.Demo.Sandbox;

/// <summary>
/// The sandbox clock and the demo's trigger secret are for sandboxes only. With <c>Sandbox:InProcess=false</c> the
/// connections keep their configured addresses; one that is not on this machine is a real CRM, and start-up stops.
/// </summary>
internal static class RealConnectionRefusal
{
    private static readonly string[] AddressKeys = ["BaseUrl", "LoginUrl", "InstanceUrl"];

    public static void ThrowIfAny(IConfiguration configuration, SandboxOptions options)
    {
        if (options.InProcess)
        {
            // Every enabled connection is pointed at its own in-process sandbox.
            return;
        }

        foreach (var connection in ConfiguredConnection.Enabled(configuration))
        {
            foreach (var key in AddressKeys)
            {
                var address = connection.Section[key];
                if (!string.IsNullOrWhiteSpace(address) && !IsOnThisMachine(address))
                {
                    throw new InvalidOperationException(Message(connection.Section.Path + ":" + key, address, options));
                }
            }
        }
    }

    private static string Message(string addressKey, string address, SandboxOptions options)
    {
        var asked = options.StartAt is null
            ? $"{SandboxGuardExtensions.EnabledKey} (the demo's sandbox mode, which gives triggers a known secret)"
            : $"{SandboxOptions.SectionName}:{nameof(SandboxOptions.StartAt)} (the sandbox clock)";
        return $"{asked} cannot be combined with a real connection: {addressKey} is {address}. " +
            "Run the production worker (dotnet run --project src/CrmCadenceSync.Worker) against a real CRM, " +
            "or point the connection at a sandbox on this machine.";
    }

    private static bool IsOnThisMachine(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.IsLoopback;
}
