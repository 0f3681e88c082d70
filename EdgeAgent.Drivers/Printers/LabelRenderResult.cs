using System.Diagnostics.CodeAnalysis;

namespace EdgeAgent.Drivers.Printers;

/// <summary>Either the label's ZPL bytes or the <see cref="LabelError"/> saying why there are none.</summary>
public sealed record LabelRenderResult
{
    private LabelRenderResult(byte[]? zpl, LabelError error, string? detail)
    {
        Zpl = zpl;
        Error = error;
        Detail = detail;
    }

    public byte[]? Zpl { get; }

    public LabelError Error { get; }

    public string? Detail { get; }

    [MemberNotNullWhen(true, nameof(Zpl))]
    public bool IsValid => Zpl is not null;

    internal static LabelRenderResult Valid(byte[] zpl) => new(zpl, LabelError.None, null);

    internal static LabelRenderResult Invalid(LabelError error, string detail) => new(null, error, detail);
}
