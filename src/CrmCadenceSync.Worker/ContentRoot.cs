namespace CrmCadenceSync.Worker;

/// <summary>
/// Where appsettings.json is read from: the current folder when it has one (the repository root in the README's
/// commands), else the folder of the binary, which carries a copy.
/// </summary>
internal static class ContentRoot
{
    public static string Locate() =>
        File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"))
            ? Directory.GetCurrentDirectory()
            : AppContext.BaseDirectory;
}
