using CrmCadenceSync.Core.Crm;
using CrmCadenceSync.Demo.Sandbox;
using CrmCadenceSync.Worker.Licensing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmCadenceSync.Worker.Tests.Licensing;

/// <summary>AutoMapper's licence: the key from configuration, and without one a single warning saying how to set it.</summary>
public sealed class AutoMapperLicenceTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("ccs-licence-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Without_a_key_one_warning_names_the_setting_and_AutoMapper_itself_says_nothing_in_any_host()
    {
        var gate = new LicenceNoticeGate();
        var first = await StartAndStopAsync(gate);
        var second = await StartAndStopAsync(gate);

        var notice = Assert.Single(first, e => e.Category == typeof(MissingLicenceNotice).FullName);
        Assert.Equal(LogLevel.Warning, notice.Level);
        Assert.Contains("Set AutoMapper:LicenseKey in appsettings.json, or the environment variable AutoMapper__LicenseKey", notice.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(second, e => e.Category == typeof(MissingLicenceNotice).FullName);
        Assert.DoesNotContain(first.Concat(second), e => e.Category == AutoMapperLicence.LogCategory);
    }

    [Fact]
    public async Task A_key_in_configuration_reaches_AutoMapper_and_the_notice_stays_silent()
    {
        // Not a real key: AutoMapper says it is malformed, which shows the configured key is the one it checked.
        var logs = await StartAndStopAsync(new LicenceNoticeGate(), "--AutoMapper:LicenseKey=not-a-licence-key");

        Assert.DoesNotContain(logs, e => e.Category == typeof(MissingLicenceNotice).FullName);
        Assert.Contains(logs, e => e.Category == AutoMapperLicence.LogCategory && e.Level >= LogLevel.Warning);
    }

    /// <summary>A demo host on small sandboxes, started (mappers built, one per connection) and stopped; its log entries.</summary>
    private async Task<IReadOnlyList<(string Category, LogLevel Level, string Message)>> StartAndStopAsync(LicenceNoticeGate gate, params string[] settings)
    {
        var logs = new CapturedLogs();
        using var host = WorkerHost.BuildOnce(
            [
                $"--Storage:ConnectionString=Data Source={Path.Combine(folder, "ccs.db")}",
                "--Sandbox:Contacts=5",
                "--Smtp:Host=127.0.0.1",
                .. settings,
            ],
            services =>
            {
                services.AddSingleton(gate);
                services.AddSingleton<ILoggerProvider>(logs);
            },
            DemoSandboxes.Add);
        await host.StartAsync();
        Assert.Equal(2, host.Services.GetServices<ICrmConnector>().Count());
        await host.StopAsync();
        return logs.Entries;
    }
}
