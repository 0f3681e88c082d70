using System.Diagnostics.CodeAnalysis;

namespace EdgeAgent.Drivers.Handhelds;

/// <summary>Either a valid <see cref="HandheldMessage"/> or the <see cref="HandheldRejection"/> saying why not.</summary>
public sealed class HandheldParseResult
{
    private HandheldParseResult(HandheldMessage? message, HandheldRejection? rejection)
    {
        Message = message;
        Rejection = rejection;
    }

    public HandheldMessage? Message { get; }

    public HandheldRejection? Rejection { get; }

    [MemberNotNullWhen(true, nameof(Message))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsValid => Message is not null;

    public static HandheldParseResult Valid(HandheldMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message, null);
    }

    public static HandheldParseResult Rejected(HandheldErrorCode error, string reason, long? seq = null) =>
        new(null, new HandheldRejection(error, reason, seq));
}
