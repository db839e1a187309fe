namespace BackOnTrack.ContractTests.Support;

/// <summary>Paths in the source tree, found from the test's output folder.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string FunctionsApp => Path.Combine(Root, "functions", "BackOnTrack.Functions");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "BackOnTrack.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("BackOnTrack.sln not found above " + AppContext.BaseDirectory);
    }
}
