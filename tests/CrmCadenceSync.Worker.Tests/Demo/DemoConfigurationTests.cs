using CrmCadenceSync.Demo.Sandbox;
using CrmCadenceSync.Worker.Commands;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Tests.Demo;

/// <summary>The demo entry point: the sandboxes on over the shipped configuration, and never beside a real CRM.</summary>
public sealed class DemoConfigurationTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("ccs-demo-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>A configured relay: the demo then starts no sandbox SMTP server.</summary>
    private const string NoSandboxRelay = "--Smtp:Host=127.0.0.1";

    private static readonly DateTimeOffset DemoStart = DateTimeOffset.Parse(DemoDefaults.StartAt, System.Globalization.CultureInfo.InvariantCulture);

    private string Storage => $"--Storage:ConnectionString=Data Source={Path.Combine(folder, "ccs.db")}";

    private static async Task<(int ExitCode, string[] Lines)> RunDemoAsync(params string[] args)
    {
        using var output = new StringWriter();
        var exitCode = await WorkerCommandLine.Create(output, DemoSandboxes.Add).Parse(args).InvokeAsync();
        return (exitCode, output.ToString().Split(Environment.NewLine));
    }

    [Fact]
    public async Task The_sandbox_clock_with_a_real_connection_stops_start_up_naming_the_key_and_the_address()
    {
        var (exitCode, lines) = await RunDemoAsync(
            "--once", "--Sandbox:InProcess=false", "--Connections:salesforce:Enabled=false", Storage);

        Assert.Equal(RunWorker.Failed, exitCode);
        Assert.Equal("The worker cannot start:", lines[0]);
        Assert.StartsWith(
            "  - Sandbox:StartAt (the sandbox clock) cannot be combined with a real connection: Connections:hubspot:BaseUrl is https://api.hubapi.com. ",
            lines[1],
            StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "ccs.db")), "Nothing should be stored before the refusal.");
    }

    [Fact]
    public async Task Without_the_clock_a_real_connection_is_still_refused_naming_Sandbox_Enabled()
    {
        var (exitCode, lines) = await RunDemoAsync(
            "--once", "--Sandbox:InProcess=false", "--Sandbox:StartAt=", "--Connections:hubspot:Enabled=false", Storage);

        Assert.Equal(RunWorker.Failed, exitCode);
        Assert.StartsWith(
            "  - Sandbox:Enabled (the demo's sandbox mode, which gives triggers a known secret) cannot be combined with a real connection: Connections:salesforce:LoginUrl is https://login.salesforce.com",
            lines[1],
            StringComparison.Ordinal);
    }

    [Fact]
    public void Sandboxes_in_another_process_on_this_machine_keep_the_sandbox_clock()
    {
        using var host = WorkerHost.BuildOnce(
            [
                "--Sandbox:InProcess=false",
                "--Connections:hubspot:BaseUrl=http://127.0.0.1:9/",
                "--Connections:salesforce:LoginUrl=http://localhost:9/",
                NoSandboxRelay,
                Storage,
            ],
            extend: DemoSandboxes.Add);

        var clock = Assert.IsType<SandboxClock>(host.Services.GetRequiredService<TimeProvider>());
        Assert.InRange(clock.GetUtcNow(), DemoStart, DemoStart.AddMinutes(10));
    }

    [Fact]
    public void The_demo_turns_the_sandbox_on_over_the_shipped_file_and_the_command_line_still_wins()
    {
        string[] noCrms = [Storage, NoSandboxRelay, "--Connections:hubspot:Enabled=false", "--Connections:salesforce:Enabled=false"];
        using var on = WorkerHost.BuildOnce([.. noCrms, "--Sandbox:Contacts=3"], extend: DemoSandboxes.Add);
        var options = on.Services.GetRequiredService<IOptions<SandboxOptions>>().Value;
        Assert.True(options.Enabled);
        Assert.Equal(3, options.Contacts);
        Assert.Equal(DemoStart, options.StartAt);

        using var off = WorkerHost.BuildOnce([.. noCrms, "--Sandbox:Enabled=false"], extend: DemoSandboxes.Add);
        Assert.False(off.Services.GetRequiredService<IOptions<SandboxOptions>>().Value.Enabled);
        Assert.Same(TimeProvider.System, off.Services.GetRequiredService<TimeProvider>());
    }
}
