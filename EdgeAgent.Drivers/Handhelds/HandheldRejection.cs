namespace EdgeAgent.Drivers.Handhelds;

/// <summary>Why a handheld payload was refused; <see cref="Seq"/> is set when it could be read.</summary>
public sealed record HandheldRejection(HandheldErrorCode Error, string Reason, long? Seq)
{
    /// <summary>The error prompt the device gets for this rejection.</summary>
    public HandheldPrompt ToPrompt() => HandheldPrompt.ForError(Seq, Error, Reason);
}
