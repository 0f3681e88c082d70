namespace EdgeAgent.Commands;

/// <summary>What <c>doctor</c> looks at besides the configuration; tests point it at their own folders and clock.</summary>
internal sealed record DoctorSetup
{
    public string DeviceDirectory { get; init; } = "/dev";

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public TimeSpan CentralTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Certificates that expire sooner than this are a warning.</summary>
    public TimeSpan ExpiryWarning { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Less free space than this in the data directory's file system is a failure; ten times this, a warning.</summary>
    public long MinimumFreeBytes { get; init; } = 200L * 1024 * 1024;
}
