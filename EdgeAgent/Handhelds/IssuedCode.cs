namespace EdgeAgent.Handhelds;

/// <summary>A new enrolment code as its maker sees it, once: the code and until when it works.</summary>
public sealed record IssuedCode(string Code, DateTime ExpiresAt, string? DeviceId);
