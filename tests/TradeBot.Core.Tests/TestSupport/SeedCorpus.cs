namespace TradeBot.Core.Tests.TestSupport;

/// <summary>The repository's two seed articles, linked into the test output (see the project file).</summary>
internal static class SeedCorpus
{
    public const string UndatedFile = "000_2f47a962c47727aa.txt";
    public const string DatedFile = "003_9185287dd3d82ad3.txt";

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Data", "seeds");

    public static string PathOf(string fileName) => Path.Combine(Folder, fileName);

    /// <summary>Copies the seed files into a folder of the test's own, so that syncing it touches nothing shared.</summary>
    public static string CopyTo(TempFolder temp)
    {
        var folder = temp.Combine("corpus");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.EnumerateFiles(Folder, "*.txt"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
        return folder;
    }
}
