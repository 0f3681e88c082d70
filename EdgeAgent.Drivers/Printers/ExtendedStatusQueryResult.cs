using System.Diagnostics.CodeAnalysis;

namespace EdgeAgent.Drivers.Printers;

/// <summary>The outcome of one <c>~HQES</c> query: the error and warning flags, or why there are none.</summary>
public sealed record ExtendedStatusQueryResult(ExtendedStatus? Status, PrinterLinkError Error, HostStatusError ParseError = HostStatusError.None, string? Detail = null)
{
    [MemberNotNullWhen(true, nameof(Status))]
    public bool IsOk => Status is not null;
}
