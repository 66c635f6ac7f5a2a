namespace CrmCadenceSync.Worker.Licensing;

/// <summary>Where AutoMapper's licence key comes from, and the logger category AutoMapper reports its licence on.</summary>
public static class AutoMapperLicence
{
    /// <summary>The configuration key both connectors give AutoMapper (environment: <c>AutoMapper__LicenseKey</c>).</summary>
    public const string LicenseKeyKey = "AutoMapper:LicenseKey";

    /// <summary>The category AutoMapper logs its licence check on, once per mapper configuration.</summary>
    public const string LogCategory = "LuckyPennySoftware.AutoMapper.License";

    /// <summary>The variables AutoMapper itself reads when no key is given in code.</summary>
    private static readonly string[] EnvironmentVariables = ["AUTOMAPPER_LICENSE_KEY", "LUCKYPENNY_LICENSE_KEY"];

    public static bool IsKeySet(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[LicenseKeyKey])
        || EnvironmentVariables.Any(name => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(name)));
}
