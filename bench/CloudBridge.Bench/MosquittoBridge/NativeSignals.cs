using System.Runtime.InteropServices;

namespace CloudBridge.Bench.MosquittoBridge;

/// <summary>SIGTERM, which .NET's Process cannot send: Mosquitto writes its persistence snapshot only on a clean stop.</summary>
internal static class NativeSignals
{
    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);

    public static void Terminate(int pid)
    {
        if (Kill(pid, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }
}
