using System.Diagnostics.CodeAnalysis;

namespace EdgeAgent.Drivers.Printers;

/// <summary>Either an <see cref="ExtendedStatus"/> or why the <c>~HQES</c> reply is not one (same error kinds as <c>~HS</c>).</summary>
public sealed record ExtendedStatusParseResult
{
    private ExtendedStatusParseResult(ExtendedStatus? status, HostStatusError error, string? detail)
    {
        Status = status;
        Error = error;
        Detail = detail;
    }

    public ExtendedStatus? Status { get; }

    public HostStatusError Error { get; }

    public string? Detail { get; }

    [MemberNotNullWhen(true, nameof(Status))]
    public bool IsValid => Status is not null;

    internal static ExtendedStatusParseResult Valid(ExtendedStatus status) => new(status, HostStatusError.None, null);

    internal static ExtendedStatusParseResult Invalid(HostStatusError error, string detail) => new(null, error, detail);
}
