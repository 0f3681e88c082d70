namespace EdgeAgent.Simulators.Scanners;

/// <summary>How many conveyor scanners, how fast, and how often a read is faulty.</summary>
public sealed class ScannerFleetOptions
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    public string Site { get; set; } = "site1";

    public int Scanners { get; set; } = 3;

    /// <summary>The scanners' broker password (each logs in as its own id, SCN-nn); null connects anonymously.</summary>
    public string? Password { get; set; }

    /// <summary>Reads per second per scanner.</summary>
    public double Rate { get; set; } = 5;

    /// <summary>Fraction of reads (0–1) that are faulty: bad check digit, truncated or garbage, in turn.</summary>
    public double Faulty { get; set; }

    /// <summary>GS1 company prefix the SSCCs are built from.</summary>
    public string CompanyPrefix { get; set; } = "0614141";

    /// <summary>Seed for reproducible runs.</summary>
    public int Seed { get; set; } = 1;
}
