using System.Runtime.InteropServices;

namespace EdgeAgent.Models.Onnx;

/// <summary>
/// Keeps ONNX Runtime's usage telemetry off. Since 1.2x its Linux build keeps a device id and an
/// event database (SQLite) under <c>$XDG_CACHE_HOME</c> or <c>~/.cache/Microsoft/DeveloperTools/.onnxruntime/</c>
/// from the first environment it creates, unless <c>ORT_DISABLE_TELEMETRY</c> is set. A gateway
/// service must not write outside its data directory (the unit protects the home directories), so
/// the variable is set in the native environment, where the library reads it, before its first use.
/// </summary>
internal static class OrtTelemetry
{
    public const string Variable = "ORT_DISABLE_TELEMETRY";

    private static readonly Lazy<bool> Disabled = new(DisableInNativeEnvironment);

    /// <summary>Call before the first <c>InferenceSession</c>; an operator's own value of the variable is kept.</summary>
    public static void EnsureDisabled() => _ = Disabled.Value;

    private static bool DisableInNativeEnvironment()
    {
        // .NET keeps its own copy of the environment on Unix; the native library reads libc's.
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return false;
        }

        return SetEnv(Variable, "1", overwrite: 0) == 0;
    }

    [DllImport("libc", EntryPoint = "setenv", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
