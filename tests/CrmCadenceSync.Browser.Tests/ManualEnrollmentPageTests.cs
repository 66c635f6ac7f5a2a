using CrmCadenceSync.Worker.Tests.Admin;
using CrmCadenceSync.Worker.Tests.ManualEnrollment;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CrmCadenceSync.Browser.Tests;

/// <summary>
/// The admin page's "Enroll manually" form in headless Chromium against the real worker host: results per contact in
/// the page, a refused request's error shown in the page (no dialog).
/// </summary>
public sealed class ManualEnrollmentPageTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private AdminHost host = null!;

    public async Task InitializeAsync() => host = await AdminHost.StartAsync(40);

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task An_admin_enrolls_contacts_from_the_form_and_sees_each_outcome_and_errors_in_the_page()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium package (.ci/run does).");
        var free = (await FreeContacts.FreeAsync(host, "hubspot")).First();
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
        var page = await browser.NewPageAsync();
        var dialogs = 0;
        page.Dialog += async (_, dialog) =>
        {
            dialogs++;
            await dialog.DismissAsync();
        };

        await page.GotoAsync(host.Address + "");
        await Assertions.Expect(page.Locator("#manual-cadence option[value='warm-6-touch']")).ToHaveCountAsync(1);
        await page.Locator("#manual-cadence").SelectOptionAsync("warm-6-touch");
        await page.Locator("#manual-step").SelectOptionAsync("linkedin-connect");
        await page.Locator("#manual-contacts").FillAsync($"{free.Email}\nnobody-here@example.invalid");
        await page.Locator("#btn-manual-enroll").ClickAsync();

        await Assertions.Expect(page.Locator("#manual-messages li.info")).ToHaveTextAsync("1 enrolled, 0 already in warm-6-touch, 1 refused.");
        var rows = page.Locator("#manual-results tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync($"hubspot/{free.CrmId}");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("enrolled");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("NotFound");

        await page.Locator("input[name='connection']").FillAsync("no-such-crm");
        await page.Locator("#btn-manual-enroll").ClickAsync();
        await Assertions.Expect(page.Locator("#manual-messages li.error")).ToContainTextAsync("connection: No enabled connection 'no-such-crm'.");

        var open = await host.QueryAsync(db => db.Enrollments.CountAsync(e => e.ContactCrmId == free.CrmId && e.IsOpen && e.CadenceId == "warm-6-touch" && e.NextStepIndex == 1));
        Assert.Equal(1, open);
        Assert.Equal(0, dialogs);
    }
}
