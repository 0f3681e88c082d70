namespace EdgeAgent.Drivers.Printers;

/// <summary>What went wrong on the raw TCP link to a printer; each maps to one <see cref="PrinterFaults"/> flag.</summary>
public enum PrinterLinkError
{
    None = 0,
    ConnectionRefused,
    ConnectTimeout,
    NotConnected,
    WriteTimeout,
    ConnectionLost,

    /// <summary>No complete <c>~HS</c> answer within the status timeout (silent printer or half-open socket).</summary>
    NoResponse,

    /// <summary>The peer closed the connection part way through a reply.</summary>
    ClosedMidReply,

    /// <summary>A complete reply that is not a host status; see <see cref="StatusQueryResult.ParseError"/>.</summary>
    BadReply,
}
