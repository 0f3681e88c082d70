using CloudBridge.Contract.V1;
using FloorEvent = CloudBridge.Contract.Floor.V1.FloorEvent;

namespace CentralConsumer;

/// <summary>One typed floor event as central stored it: the envelope (gateway, lane, sequence, id), the decoded event, and when JetStream stored it.</summary>
public sealed record ReceivedFloorEvent(EventEnvelope Envelope, FloorEvent Event, DateTimeOffset StoredAt);
