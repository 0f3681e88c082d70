namespace EdgeAgent.Commands;

/// <summary>One line of <c>EdgeAgent doctor</c>: how it went, what was checked, and what to do about it.</summary>
internal sealed record DoctorFinding(DoctorLevel Level, string Check, string Detail)
{
    public static DoctorFinding Ok(string check, string detail) => new(DoctorLevel.Ok, check, detail);

    public static DoctorFinding Warn(string check, string detail) => new(DoctorLevel.Warn, check, detail);

    public static DoctorFinding Fail(string check, string detail) => new(DoctorLevel.Fail, check, detail);

    public override string ToString() => $"{Level switch { DoctorLevel.Ok => "ok  ", DoctorLevel.Warn => "warn", _ => "FAIL" }}  {Check}: {Detail}";
}
