using CrmCadenceSync.Worker.Tests.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CrmCadenceSync.Browser.Tests;

/// <summary>
/// The admin page in headless Chromium against a worker that requires keys: the browser opens the page with Basic
/// credentials, the page sends the operator's key from its key field as <c>X-Api-Key</c> (with its own Origin), the
/// pause goes through and is audited under the key's name.
/// </summary>
public sealed class KeyedAdminPageTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private const string OperatorKey = "operator-key-0123456789-abcd";
    private AdminHost host = null!;

    public async Task InitializeAsync() => host = await AdminHost.StartAsync(
        40, "--Admin:RequireApiKey=true", $"--Admin:ApiKeys:ops={OperatorKey}", "--Admin:Roles:ops=operator");

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task An_operator_opens_the_page_with_the_key_and_pauses_an_enrollment_under_the_key_name()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium package (.ci/run does).");
        var xdg = Path.Combine(host.Folder, "xdg");
        Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", Path.Combine(xdg, "config"));
        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", Path.Combine(xdg, "cache"));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new()
        {
            ViewportSize = new() { Width = 1280, Height = 900 },
            HttpCredentials = new() { Username = "ops", Password = OperatorKey },
        });
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        await page.GotoAsync(host.Address + "");
        await page.Locator("#api-key").FillAsync(OperatorKey);
        await page.Locator("#api-key").DispatchEventAsync("change");
        var firstActive = page.Locator("#enrollment-table tr[data-enrollment]").Filter(new() { Has = page.Locator("button[data-action='pause']") }).First;
        await Assertions.Expect(firstActive).ToBeVisibleAsync();
        var enrollmentId = await firstActive.GetAttributeAsync("data-enrollment");
        await firstActive.Locator("button[data-action='pause']").ClickAsync();
        await Assertions.Expect(page.Locator($"#enrollment-table tr[data-enrollment='{enrollmentId}'] button[data-action='resume']")).ToBeVisibleAsync();

        var audit = await host.QueryAsync(db => db.AdminAudit.AsNoTracking().SingleAsync());
        Assert.Equal(("ops", "enrollment.pause", enrollmentId), (audit.Actor, audit.Action, audit.Target));
    }
}
