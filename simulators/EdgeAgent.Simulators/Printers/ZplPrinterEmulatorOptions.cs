namespace EdgeAgent.Simulators.Printers;

/// <summary>How the emulated Zebra-style printer listens and behaves.</summary>
public sealed record ZplPrinterEmulatorOptions
{
    /// <summary>0 picks a free port; see <see cref="ZplPrinterEmulator.Port"/>.</summary>
    public int Port { get; init; }

    public string Name { get; init; } = "zebra-sim";

    /// <summary>How many printed labels are kept for inspection; default 100.</summary>
    public int KeepLast { get; init; } = 100;

    /// <summary>As real printers may: no <c>~HS</c> answer while paper or ribbon is out or the head is open. Default off.</summary>
    public bool SilentWhenFaulted { get; init; }
}
