using System.Diagnostics.CodeAnalysis;

namespace EdgeAgent.Drivers.Printers;

/// <summary>The outcome of one <c>~HS</c> query: a status, or the link error (and parse error) saying why not.</summary>
public sealed record StatusQueryResult(PrinterStatus? Status, PrinterLinkError Error, HostStatusError ParseError = HostStatusError.None, string? Detail = null)
{
    [MemberNotNullWhen(true, nameof(Status))]
    public bool IsOk => Status is not null;

    /// <summary>The fault this outcome signals: the status's own faults, or the link failure.</summary>
    public PrinterFaults Faults => Status?.Faults ?? PrinterFaultMapping.FromLinkError(Error);
}
