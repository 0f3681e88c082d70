using Google.Protobuf;

namespace CloudBridge.Contract.V1;

/// <summary>
/// The form in which central's JetStream sink stores a lane's events: one JetStream message holds a run of them
/// (<c>bridge.proto</c>, <c>StoredEvents</c>), marked by the <see cref="FormatHeader"/> header. Central and every
/// consumer decode a stored message with <see cref="Decode"/>.
/// </summary>
public sealed partial class StoredEvents
{
    /// <summary>NATS header naming the message a stored JetStream message holds.</summary>
    public const string FormatHeader = "Bridge-Format";

    /// <summary>The header's value for this form.</summary>
    public const string Format = "edgeagent.bridge.v1.StoredEvents";

    /// <summary>
    /// The events of one stored message: a <c>StoredEvents</c> when <paramref name="format"/> names it, otherwise one
    /// <see cref="EventEnvelope"/> (a message stored before events were stored by the run). Throws
    /// <see cref="InvalidProtocolBufferException"/> on bytes that are neither.
    /// </summary>
    public static IReadOnlyList<EventEnvelope> Decode(ReadOnlySpan<byte> data, string? format) =>
        format == Format ? Parser.ParseFrom(data).Events : [EventEnvelope.Parser.ParseFrom(data)];

    /// <summary>Bytes one more event adds to an encoded <c>StoredEvents</c> (field tag, length, the envelope).</summary>
    public static int SizeOfEntry(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        int size = envelope.CalculateSize();
        return 1 + CodedOutputStream.ComputeLengthSize(size) + size;
    }
}
