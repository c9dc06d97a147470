namespace TradeBot.Core.Ingestion;

/// <summary>
/// The path of a file or folder with every link on the way resolved (what POSIX <c>realpath</c> gives), so that a
/// folder reached through links is recognised as the same folder. A path that does not exist resolves as far as it can.
/// </summary>
internal static class RealPath
{
    private const int MaxLinks = 40;
    private static readonly char[] s_separators = [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar];

    public static StringComparer Comparer { get; } = OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

    /// <exception cref="IOException">The path goes through a loop of links.</exception>
    public static string Of(string path)
    {
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full)!;
        var remaining = new Stack<string>();
        Push(remaining, full[current.Length..]);
        var links = 0;
        while (remaining.TryPop(out var part))
        {
            if (part == ".")
            {
                continue;
            }
            if (part == "..")
            {
                // current has no links in it, so its parent is the real parent.
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }
            var next = Path.Combine(current, part);
            var target = LinkTarget(next);
            if (target is null)
            {
                current = next;
                continue;
            }
            if (++links > MaxLinks)
            {
                throw new IOException($"more than {MaxLinks} links on the way (a loop of links)");
            }
            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
                target = target[current.Length..];
            }
            Push(remaining, target);
        }
        return current;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or lies inside it (both real paths).</summary>
    public static bool IsWithin(string path, string folder) =>
        Comparer.Equals(path, folder)
        || (path.Length > folder.Length && path.StartsWith(folder, Comparer == StringComparer.Ordinal ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase)
            && (folder.EndsWith(Path.DirectorySeparatorChar) || path[folder.Length] == Path.DirectorySeparatorChar));

    private static void Push(Stack<string> remaining, string relative)
    {
        foreach (var part in relative.Split(s_separators, StringSplitOptions.RemoveEmptyEntries).Reverse())
        {
            remaining.Push(part);
        }
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
