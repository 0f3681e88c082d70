namespace EdgeAgent.Drivers.Printers;

/// <summary>
/// What a printer group needs from the pipe to one printer, raw TCP 9100 or MQTT alike. Expected
/// failures are results; after any failure the link is closed so a late reply cannot answer the next query.
/// </summary>
internal interface IPrinterLink
{
    bool IsConnected { get; }

    Task<PrinterLinkResult> ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Hands one job's bytes to the pipe. OK means handed over in full, not that it printed.</summary>
    Task<PrinterLinkResult> SendAsync(ReadOnlyMemory<byte> zpl, CancellationToken cancellationToken);

    /// <summary>Asks <c>~HS</c> and waits for the answer within the status timeout.</summary>
    Task<StatusQueryResult> QueryStatusAsync(CancellationToken cancellationToken);

    void Close();
}
