namespace CrmCadenceSync.Worker.Tests;

/// <summary>Finds files of the repository itself (the shipped appsettings.json), wherever the tests run from.</summary>
internal static class RepositoryFiles
{
    public static string Path(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CrmCadenceSync.sln")))
            {
                return System.IO.Path.Combine(dir.FullName, relative);
            }
        }

        throw new InvalidOperationException("CrmCadenceSync.sln not found above " + AppContext.BaseDirectory);
    }
}
