namespace EdgeAgent.Handhelds;

/// <summary>The outcome of an enrolment request, with why when it failed.</summary>
public sealed record EnrolmentResult<T>(EnrolmentStatus Status, T? Value, string? Problem = null);

/// <summary>Shorthands for <see cref="EnrolmentResult{T}"/>.</summary>
internal static class EnrolmentResult
{
    public static EnrolmentResult<T> Ok<T>(T value) => new(EnrolmentStatus.Ok, value);

    public static EnrolmentResult<T> Fail<T>(EnrolmentStatus status, string problem) => new(status, default, problem);
}
