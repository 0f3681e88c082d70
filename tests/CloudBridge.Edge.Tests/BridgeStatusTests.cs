using CloudBridge.Uplink;

namespace CloudBridge.Edge.Tests;

public sealed class BridgeStatusTests
{
    // What the console's live view sends again when it changes; every other figure moves with traffic.
    private static readonly string[] Health =
    [
        nameof(BridgeStatus.Connected), nameof(BridgeStatus.CircuitOpen), nameof(BridgeStatus.QuotaAlarm),
        nameof(BridgeStatus.Lanes), nameof(BridgeStatus.Sessions), nameof(BridgeStatus.LastError),
    ];

    [Fact]
    public void WithoutTrafficFigures_KeepsTheLinksHealth_AndClearsEveryOtherFigure()
    {
        // Every property is set away from its default, so a figure added later and not cleared fails here.
        var status = new BridgeStatus
        {
            Connected = true,
            CircuitOpen = true,
            QuotaAlarm = true,
            Lanes = [new LaneStatus { Lane = "business", Backlog = 1, BacklogBytes = 2, AckedThrough = 3, LastSequence = 4, Shed = 5 }],
            EventsAcked = 6,
            AckedPerSecond = 7.5,
            Sessions = 8,
            LastError = "central closed the uplink stream",
            LastAckAt = DateTimeOffset.UnixEpoch,
            EventsRead = 9,
            LaneReads = 10,
            Held = new ReadAheadFigures(1, 2, 3),
            PeakHeld = new ReadAheadFigures(4, 5, 6),
        };

        var steady = status.WithoutTrafficFigures();

        foreach (var property in typeof(BridgeStatus).GetProperties().Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"))
        {
            if (Health.Contains(property.Name))
            {
                Assert.Equal(property.GetValue(status), property.GetValue(steady));
            }
            else
            {
                Assert.True(!Equals(property.GetValue(status), property.GetValue(steady)), $"{property.Name} moves with traffic and must be cleared");
            }
        }
    }
}
