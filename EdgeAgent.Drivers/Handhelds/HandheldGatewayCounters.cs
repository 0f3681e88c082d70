namespace EdgeAgent.Drivers.Handhelds;

/// <summary>A snapshot of what the gateway received and answered since it was created.</summary>
/// <param name="Received">Messages on a handheld's event (or an unknown) channel of this site.</param>
/// <param name="Answered">Prompts returned by the callback and handed to the broker.</param>
/// <param name="ErrorsByCode">Error prompts the gateway produced itself (bad input, unknown channel, failed callback), by code.</param>
/// <param name="CallbackFailures">Callbacks that threw or returned no prompt.</param>
public sealed record HandheldGatewayCounters(
    long Received,
    long Answered,
    IReadOnlyDictionary<HandheldErrorCode, long> ErrorsByCode,
    long CallbackFailures)
{
    public long Errors(HandheldErrorCode code) => ErrorsByCode.TryGetValue(code, out var count) ? count : 0;
}
