using TradeBot.Core.Articles;

namespace TradeBot.Core.Ingestion;

/// <summary>
/// Lists the article files of a folder, each real file once. A link to a folder inside the corpus is not followed (that
/// folder is read where it is, so <c>ln -s . s1</c> cannot loop); a link that leads outside the corpus is reported and
/// not followed unless <see cref="CorpusReaderOptions.FollowLinksOutsideCorpus"/> is set, and then every folder is
/// entered at most once by its real path. Hidden entries (names starting with a dot) are skipped.
/// </summary>
internal static class CorpusFolderWalker
{
    private static readonly EnumerationOptions s_entries = new() { AttributesToSkip = FileAttributes.Hidden | FileAttributes.System, IgnoreInaccessible = false };

    public static IReadOnlyList<string> FilesIn(string root, bool followLinksOutside, ICollection<IngestFailure> failures)
    {
        var rootReal = RealPath.Of(root);
        var entered = new HashSet<string>(RealPath.Comparer) { rootReal };
        // By real path: the path it was found at, and whether that path went through a link (a direct path is preferred).
        var files = new Dictionary<string, (string Path, bool ViaLink)>(RealPath.Comparer);
        var folders = new Stack<(string Path, string Real)>();
        folders.Push((root, rootReal));
        while (folders.TryPop(out var folder))
        {
            List<FileSystemInfo> entries;
            try
            {
                entries = [.. new DirectoryInfo(folder.Path).EnumerateFileSystemInfos("*", s_entries).OrderBy(e => e.Name, StringComparer.Ordinal)];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                failures.Add(new IngestFailure(Item(root, folder.Path), $"folder unreadable: {ex.Message}"));
                continue;
            }
            foreach (var entry in entries.Where(e => !e.Name.StartsWith('.')))
            {
                if (entry.LinkTarget is null)
                {
                    var real = Path.Combine(folder.Real, entry.Name);
                    if (entry is DirectoryInfo)
                    {
                        if (entered.Add(real))
                        {
                            folders.Push((entry.FullName, real));
                        }
                    }
                    else if (CorpusFileReader.IsSupported(entry.Name))
                    {
                        Add(files, real, entry.FullName, viaLink: false);
                    }
                    continue;
                }
                FollowLink(entry);
            }
        }
        return [.. files.Values.Select(f => f.Path).Order(StringComparer.Ordinal)];

        void FollowLink(FileSystemInfo link)
        {
            var item = Item(root, link.FullName);
            string target;
            try
            {
                target = RealPath.Of(link.FullName);
            }
            catch (IOException ex)
            {
                failures.Add(new IngestFailure(item, $"link cannot be followed: {ex.Message}"));
                return;
            }
            var isFolder = Directory.Exists(target);
            if (!isFolder && !CorpusFileReader.IsSupported(link.Name))
            {
                return;
            }
            if (!isFolder && !File.Exists(target))
            {
                failures.Add(new IngestFailure(item, $"broken link: '{target}' does not exist"));
                return;
            }
            if (RealPath.IsWithin(target, rootReal))
            {
                if (!isFolder)
                {
                    Add(files, target, link.FullName, viaLink: true);
                }
                return; // a folder inside the corpus is read where it is
            }
            if (!followLinksOutside)
            {
                failures.Add(new IngestFailure(item,
                    $"link to '{target}' leads outside the corpus folder and is not followed (Corpus:Reader:FollowLinksOutsideCorpus)"));
                return;
            }
            if (!isFolder)
            {
                Add(files, target, link.FullName, viaLink: true);
            }
            else if (entered.Add(target))
            {
                folders.Push((link.FullName, target));
            }
        }
    }

    private static void Add(Dictionary<string, (string Path, bool ViaLink)> files, string real, string path, bool viaLink)
    {
        if (!files.TryGetValue(real, out var found) || (found.ViaLink && (!viaLink || StringComparer.Ordinal.Compare(path, found.Path) < 0)))
        {
            files[real] = (path, viaLink);
        }
    }

    private static string Item(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
