using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace TradeBot.Core.Tests.TestSupport;

/// <summary>Files that are not regular files, made the way an unlucky corpus gets them.</summary>
internal static partial class UnixFiles
{
    public static void MakeFifo(string path)
    {
        if (MkFifo(path, Convert.ToUInt32("644", 8)) != 0)
        {
            throw new IOException($"mkfifo {path} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>A listening Unix socket at <paramref name="path"/>; the socket file stays while it is open.</summary>
    public static Socket MakeSocket(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return socket;
    }

#pragma warning disable SYSLIB1054 // test-only call; LibraryImport would need unsafe code
    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MkFifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);
#pragma warning restore SYSLIB1054
}
