using System.Diagnostics.CodeAnalysis;

namespace EdgeAgent.Drivers.Printers;

/// <summary>Either a <see cref="PrinterStatus"/> or the <see cref="HostStatusError"/> saying why the reply is not one.</summary>
public sealed record HostStatusParseResult
{
    private HostStatusParseResult(PrinterStatus? status, HostStatusError error, string? detail)
    {
        Status = status;
        Error = error;
        Detail = detail;
    }

    public PrinterStatus? Status { get; }

    public HostStatusError Error { get; }

    /// <summary>Which string and field was wrong, for the log.</summary>
    public string? Detail { get; }

    [MemberNotNullWhen(true, nameof(Status))]
    public bool IsValid => Status is not null;

    internal static HostStatusParseResult Valid(PrinterStatus status) => new(status, HostStatusError.None, null);

    internal static HostStatusParseResult Invalid(HostStatusError error, string detail) => new(null, error, detail);
}
