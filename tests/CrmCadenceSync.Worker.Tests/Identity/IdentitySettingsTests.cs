using CrmCadenceSync.Core.Identity;
using CrmCadenceSync.Worker.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Tests.Identity;

/// <summary><c>Identity</c> is bound and validated at start-up; a bad value names its key.</summary>
public sealed class IdentitySettingsTests
{
    [Fact]
    public void The_shipped_settings_link_by_email_with_HubSpot_running_the_cadence()
    {
        var options = Read(RepositoryFiles.Path("appsettings.json"));

        Assert.Equal(IdentityMatch.Email, options.MatchBy);
        Assert.Equal("hubspot", options.Primary);
    }

    [Fact]
    public void A_primary_that_is_no_enabled_connection_is_refused_naming_the_key()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Read(RepositoryFiles.Path("appsettings.json"), ("Identity:Primary", "pipedrive")));

        Assert.Contains("Identity:Primary", error.Message, StringComparison.Ordinal);
        Assert.Contains("'pipedrive'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_way_to_match_is_refused_naming_the_key()
    {
        var error = Assert.ThrowsAny<InvalidOperationException>(() => Read(RepositoryFiles.Path("appsettings.json"), ("Identity:MatchBy", "Phone")));

        Assert.Contains("Identity:MatchBy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_matching_off_or_one_connection_the_primary_is_not_checked()
    {
        Assert.Equal(IdentityMatch.None, Read(RepositoryFiles.Path("appsettings.json"), ("Identity:MatchBy", "None"), ("Identity:Primary", "pipedrive")).MatchBy);
        Assert.Equal("pipedrive", Read(RepositoryFiles.Path("appsettings.json"), ("Connections:salesforce:Enabled", "false"), ("Identity:Primary", "pipedrive")).Primary);
    }

    private static IdentityOptions Read(string appsettings, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(appsettings)
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.SectionName);
        services.AddSingleton<IValidateOptions<IdentityOptions>, IdentityOptionsValidator>();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<IdentityOptions>>().Value;
    }
}
