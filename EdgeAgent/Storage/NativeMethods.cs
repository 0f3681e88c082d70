using System.Runtime.InteropServices;

namespace EdgeAgent.Storage;

/// <summary>The few libc calls .NET does not expose: fsync of a directory, and reading a file another open holds flock'ed.</summary>
internal static class NativeMethods
{
    private const int ORdOnly = 0;
    private const int OCloExec = 0x80000; // same value on x86-64 and arm64 Linux
    private const int EIntr = 4;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int FSync(int fd);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint Read(int fd, byte[] buffer, nint count);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int fd);

    /// <summary>fsync a file or directory by path; a directory's fsync makes its new entries survive a power cut.</summary>
    public static void FSyncPath(string path)
    {
        var fd = OpenReadOnly(path);
        try
        {
            if (FSync(fd) != 0)
            {
                throw Failure("fsync", path);
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>Reads up to <paramref name="max"/> bytes without taking .NET's flock, which a held LOCK_EX would refuse.</summary>
    public static byte[] ReadPrefix(string path, int max)
    {
        var fd = OpenReadOnly(path);
        try
        {
            var buffer = new byte[max];
            nint n;
            do
            {
                n = Read(fd, buffer, max);
            }
            while (n < 0 && Marshal.GetLastPInvokeError() == EIntr);

            if (n < 0)
            {
                throw Failure("read", path);
            }

            return buffer.AsSpan(0, (int)n).ToArray();
        }
        finally
        {
            _ = Close(fd);
        }
    }

    private static int OpenReadOnly(string path)
    {
        var fd = Open(path, ORdOnly | OCloExec);
        return fd < 0 ? throw Failure("open", path) : fd;
    }

    private static IOException Failure(string call, string path)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{call}({path}) failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);
    }
}
