using System.Globalization;

namespace EdgeAgent.Storage;

/// <summary>Work a device was told is stored that the store no longer holds.</summary>
/// <param name="Device">The device that was told.</param>
/// <param name="Lane">The lane its sequence numbers count.</param>
/// <param name="Acknowledged">The highest sequence it was told is stored.</param>
/// <param name="Held">The highest the store holds; null when it holds none for this device and lane.</param>
public sealed record LostAck(string Device, string Lane, long Acknowledged, long? Held)
{
    public override string ToString() => Held is { } held
        ? string.Create(CultureInfo.InvariantCulture, $"device {Device} lane {Lane}: acknowledged up to seq {Acknowledged}, store holds up to {held}")
        : string.Create(CultureInfo.InvariantCulture, $"device {Device} lane {Lane}: acknowledged up to seq {Acknowledged}, store holds none");
}
