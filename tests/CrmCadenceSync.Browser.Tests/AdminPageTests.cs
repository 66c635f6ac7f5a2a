using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmCadenceSync.Worker.Rules;
using CrmCadenceSync.Worker.Tests.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CrmCadenceSync.Browser.Tests;

/// <summary>
/// The admin page in real headless Chromium (Debian's package, driven by Playwright) against the real worker host over
/// the sandbox CRMs: held enrollments show grouped with their fix, an overlapping band is refused, the fix previews and activates, history shows the new version, and an
/// enrollment is paused from its table.
/// </summary>
public sealed class AdminPageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };
    private AdminHost host = null!;

    /// <remarks>The quiz email declares the timeline required, so a hot contact without quiz answers is held.</remarks>
    public async Task InitializeAsync() => host = await AdminHost.StartAsync(40, "--Cadences:0:Steps:0:RequiredFields:0=contact.quiz_timeline");

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task An_admin_fixes_an_overlapping_band_previews_activates_sees_the_new_version_and_pauses_an_enrollment()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium package (.ci/run does).");
        // A hot lead who never took the quiz, held at the quiz email that declares the timeline required.
        var quizless = host.HubSpot.Portal.AddContacts(1)[0];
        host.HubSpot.Portal.TouchContact(quizless, host.Clock.GetUtcNow(), new Dictionary<string, string?>
        {
            ["firstname"] = "Quinn", ["lastname"] = "Quizless", ["hubspotscore"] = "90", ["lifecyclestage"] = "lead", ["hs_timezone"] = "america_slash_new_york",
            ["hubspot_owner_id"] = host.HubSpot.Portal.Owners[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await host.RunCycleAsync();
        using var api = host.Client();
        var definition = (await api.GetFromJsonAsync<JsonObject>("/api/rules"))!["definition"]!.AsObject();
        var overlapping = definition.DeepClone().AsObject();
        overlapping["Segments"]![1]!["MinScore"] = 40;
        var fixedRules = definition.DeepClone().AsObject();
        fixedRules["Segments"]![0]!["MinScore"] = 75;
        fixedRules["Segments"]![1]!["MaxScore"] = 75;
        var hotAfter = await host.QueryAsync(db => db.Contacts.CountAsync(c => c.LeadScore >= 75));

        // Chromium writes crash reports and a dconf cache under XDG folders; keep them out of $HOME.
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
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        await page.GotoAsync(host.Address + "");
        await Assertions.Expect(page.Locator("#active-version")).ToHaveTextAsync("rule set v1");
        await Assertions.Expect(page.Locator("#segments")).ToContainTextAsync("hot-9-touch-14-day");
        // The metrics panel renders GET /api/metrics: the hot cadence's figures and its first step's variant row.
        await Assertions.Expect(page.Locator("#metrics h3").First).ToContainTextAsync("hot-9-touch-14-day");
        await Assertions.Expect(page.Locator("#metrics")).ToContainTextAsync("reply rate");
        await Assertions.Expect(page.Locator("#metrics")).ToContainTextAsync("1. quiz-follow-up-email");

        // Held enrollments, grouped by reason with the fix.
        var heldGroup = page.Locator("#held-table tr[data-field='contact.quiz_timeline']");
        await Assertions.Expect(heldGroup).ToContainTextAsync("1. quiz-follow-up-email");
        await Assertions.Expect(heldGroup).ToContainTextAsync("Add the property quiz_timeline to these contacts in the CRM, or take contact.quiz_timeline out of RequiredFields in step 1");

        await page.Locator("#rule-editor").FillAsync(overlapping.ToJsonString(Indented));
        await page.Locator("#btn-validate").ClickAsync();
        await Assertions.Expect(page.Locator("#messages li.error")).ToContainTextAsync("Segments 'Warm' and 'Nurture' overlap on scores [40, 50)");

        await page.Locator("#rule-editor").FillAsync(fixedRules.ToJsonString(Indented));
        await page.Locator("#btn-preview").ClickAsync();
        await Assertions.Expect(page.Locator("#preview")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#segment-chart rect.bar-candidate[data-segment='Hot']")).ToHaveAttributeAsync("data-count", hotAfter.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#forecast-table tr[data-rep]").First).ToBeVisibleAsync();

        await page.Locator("#author").FillAsync("Dana");
        await page.Locator("#btn-activate").ClickAsync();
        await Assertions.Expect(page.Locator("#messages li.ok")).ToContainTextAsync("Activated as version 2");
        await Assertions.Expect(page.Locator("#active-version")).ToHaveTextAsync("rule set v2");
        var newest = page.Locator("#history tr[data-version='2']");
        await Assertions.Expect(newest).ToContainTextAsync("Dana (loopback)");
        await Assertions.Expect(newest).ToContainTextAsync("segment Hot: MinScore 70 -> 75");

        var firstActive = page.Locator("#enrollment-table tr[data-enrollment]").Filter(new() { Has = page.Locator("button[data-action='pause']") }).First;
        var enrollmentId = await firstActive.GetAttributeAsync("data-enrollment");
        await firstActive.Locator("button[data-action='pause']").ClickAsync();
        await Assertions.Expect(page.Locator($"#enrollment-table tr[data-enrollment='{enrollmentId}'] button[data-action='resume']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#dead-letters")).ToContainTextAsync("No dead letters");
        await Assertions.Expect(page.Locator("#connections .card[data-connection='hubspot']")).ToContainTextAsync("ok");

        var artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(artifacts);
        var shot = Path.Combine(artifacts, "admin-page.png");
        var editorShot = Path.Combine(artifacts, "admin-rule-editor.png");
        var rulesShot = Path.Combine(artifacts, "admin-segments-and-cadences.png");
        await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
        await page.Locator("#editor").ScreenshotAsync(new() { Path = editorShot });
        await page.Locator("#rules").ScreenshotAsync(new() { Path = rulesShot });
        output.WriteLine($"Screenshots: {shot}, {editorShot}, {rulesShot}");

        Assert.All(new[] { shot, editorShot, rulesShot }, file => Assert.True(new FileInfo(file).Length > 0));
        Assert.Equal(2, host.App.Services.GetRequiredService<RuleSetProvider>().Current.Version);
        Assert.Equal("Paused", (await host.QueryAsync(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.Id == Guid.Parse(enrollmentId!)))).State);
    }
}
