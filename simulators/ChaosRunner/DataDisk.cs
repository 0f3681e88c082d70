using System.Diagnostics;
using System.Globalization;

namespace ChaosRunner;

/// <summary>
/// The agent's data disk for the <see cref="FaultKind.DiskSqueeze"/> fault: a small tmpfs mounted under the run's
/// directory (needs root), which the runner fills with a ballast file to nearly full and frees again.
/// </summary>
internal sealed class DataDisk(string mountPoint, long sizeBytes)
{
    private readonly string _ballast = Path.Combine(mountPoint, "ballast");

    public string MountPoint => mountPoint;

    public bool Mounted { get; private set; }

    public async Task MountAsync()
    {
        Directory.CreateDirectory(mountPoint);
        var (code, output) = await RunAsync("mount", "-t", "tmpfs", "-o", string.Create(CultureInfo.InvariantCulture, $"size={sizeBytes},mode=0755"), "tmpfs", mountPoint);
        if (code != 0)
        {
            throw new InvalidOperationException($"the disk squeeze needs a tmpfs for the agent's data (root only): mount exited {code}: {output.Trim()}");
        }

        Mounted = true;
    }

    /// <summary>Writes the ballast until only <paramref name="leaveBytes"/> are free (or the disk refuses more); returns the bytes left free.</summary>
    public long Fill(long leaveBytes)
    {
        var chunk = new byte[1024 * 1024];
        using var ballast = new FileStream(_ballast, FileMode.Create, FileAccess.Write, FileShare.Read, 1, FileOptions.None);
        try
        {
            for (long free = Free(); free > leaveBytes; free = Free())
            {
                ballast.Write(chunk, 0, (int)Math.Min(chunk.Length, free - leaveBytes));
            }
        }
        catch (IOException)
        {
            // The agent took the last bytes first: the disk is full, which is what we wanted.
        }

        return Free();
    }

    public void Release() => File.Delete(_ballast);

    public long Free() => new DriveInfo(mountPoint).AvailableFreeSpace;

    public long Used() => new DriveInfo(mountPoint).TotalSize - Free();

    public async Task UnmountAsync()
    {
        if (Mounted)
        {
            var (code, output) = await RunAsync("umount", mountPoint);
            Mounted = code != 0;
            if (code != 0)
            {
                Console.Error.WriteLine($"umount {mountPoint} exited {code}: {output.Trim()}");
            }
        }
    }

    private static async Task<(int, string)> RunAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException(program + " did not start");
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}
