namespace CloudBridge.Bench;

/// <summary>Where the results file and the work files go: under bench/, on the real disk (/tmp may be tmpfs, where fsync costs nothing).</summary>
internal static class RepositoryPaths
{
    public static string BenchDirectory() => Path.Combine(Root(), "bench");

    public static string WorkDirectory() => Path.Combine(BenchDirectory(), $".work-{Environment.ProcessId}");

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EdgeAgent.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
