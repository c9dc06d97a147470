namespace TradeBot.Hosting;

/// <summary>
/// The folder whose <c>corpus/</c> and <c>data/</c> are the defaults, and against which relative paths in settings
/// resolve: the repository the application was built in (found by TradeBot.sln above the application's folder) or,
/// outside one, the application's folder. Never the working folder, so that settings mean the same from anywhere.
/// </summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "TradeBot.sln")))
            {
                return folder.FullName;
            }
        }
        return AppContext.BaseDirectory;
    }
}
