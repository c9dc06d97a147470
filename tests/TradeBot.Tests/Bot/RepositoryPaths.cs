namespace TradeBot.Tests.Bot;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string E2eNodeModules => Path.Combine(Root, "tests", "e2e", "node_modules");

    public static string AppPackage => Path.Combine(Root, "appPackage");

    /// <summary>A file under tests/e2e/node_modules, or a failure that says how to install it.</summary>
    public static string NodeModule(string relativePath)
    {
        var path = Path.Combine(E2eNodeModules, relativePath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing: run ./test.sh, or 'npm ci' in tests/e2e, to install the end-to-end test tools.", path);
        }

        return path;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TradeBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("TradeBot.sln not found above " + AppContext.BaseDirectory);
    }
}
