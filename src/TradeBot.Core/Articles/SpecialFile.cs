using System.Runtime.InteropServices;

namespace TradeBot.Core.Articles;

/// <summary>
/// Tells a FIFO, socket or device from a regular file without opening it: opening a FIFO blocks until a writer comes,
/// and a device such as <c>/dev/zero</c> never ends. .NET reports all of them as normal files of length 0, so this asks
/// the runtime's own native <c>stat</c> (which follows links), whose file-type bits are the same on every Unix.
/// </summary>
internal static partial class SpecialFile
{
    // The runtime's FileStatus: int Flags, int Mode, ... Far larger than any version of it, so the layout of the rest does not matter.
    private const int StatusBufferBytes = 512;
    private const int ModeOffset = 4;
    private const int FileTypeMask = 0xF000;

    /// <summary>What <paramref name="path"/> is when it is neither a regular file nor a folder ("a FIFO", …); otherwise null.</summary>
    public static string? Describe(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (OperatingSystem.IsWindows())
        {
            return null;
        }
        var status = new byte[StatusBufferBytes];
        try
        {
            if (Stat(path, status) != 0)
            {
                return null;
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        return (BitConverter.ToInt32(status, ModeOffset) & FileTypeMask) switch
        {
            0x1000 => "a FIFO (named pipe)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => null,
        };
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code for this one call.
    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] status);
#pragma warning restore SYSLIB1054
}
