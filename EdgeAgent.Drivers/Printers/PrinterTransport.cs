namespace EdgeAgent.Drivers.Printers;

/// <summary>How a printer's ZPL and <c>~HS</c> answers travel.</summary>
public enum PrinterTransport
{
    /// <summary>Raw TCP to <see cref="ZplConnectionOptions.Host"/>:<see cref="ZplConnectionOptions.Port"/> (9100).</summary>
    Tcp = 0,

    /// <summary>Through the group's broker: <c>dc/{site}/printer/{id}/job</c> out, <c>…/status</c> back.</summary>
    Mqtt,
}
