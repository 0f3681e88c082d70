using EdgeAgent.Bridge;
using EdgeAgent.Events;
using WireEvent = CloudBridge.Contract.Floor.V1.FloorEvent;

namespace EdgeAgent.Tests.Events;

/// <summary>Every floor event type has one wire name and a protobuf form central decodes with generated code.</summary>
public sealed class FloorEventContractTests
{
    public static TheoryData<string> WireNames() => [.. FloorEventTypes.All.Select(FloorEventTypes.WireName).Order(StringComparer.Ordinal)];

    [Fact]
    public void EveryEventType_HasOneDistinctWireName_AndTheWireMapAgreesWithTheProto()
    {
        var names = FloorEventTypes.All.Select(FloorEventTypes.WireName).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(FloorEventTypes.All, t => Assert.Equal(t, FloorEventTypes.ByWireName(FloorEventTypes.WireName(t))));
        // Building the map throws, naming the difference, when a type or field exists on one side only.
        Assert.NotEmpty(FloorEventWire.Encode(FloorEventSamples.Make(typeof(TaskPicked), optionals: true)));
        Assert.Equal(
            FloorEventTypes.All.Select(t => t.Name).Order(StringComparer.Ordinal),
            WireEvent.Descriptor.Oneofs.Single(o => o.Name == "body").Fields.Select(f => f.MessageType.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(WireNames))]
    public void EventType_RoundTripsThroughItsWireForm_WithAndWithoutItsOptionalFields(string wireName)
    {
        var type = FloorEventTypes.ByWireName(wireName)!;
        foreach (var optionals in new[] { true, false })
        {
            var sent = FloorEventSamples.Make(type, optionals);

            var message = WireEvent.Parser.ParseFrom(FloorEventWire.Encode(sent));
            var received = FloorEventWire.FromWire(message);

            Assert.Equal(wireName, message.Type);
            Assert.Equal(type.Name, message.BodyCase.ToString());
            Assert.Equal(sent, received);
            Assert.Equal(DateTimeKind.Utc, message.At.ToDateTime().Kind);
        }
    }

    [Fact]
    public void PrinterFaults_TravelAsTheNamesOfTheirFlags_NotAsText()
    {
        var faulted = new PrinterFaulted { At = FloorEventSamples.At, DeviceId = "zebra-1", Faults = Drivers.Printers.PrinterFaults.PaperOut | Drivers.Printers.PrinterFaults.HeadOpen };

        var message = WireEvent.Parser.ParseFrom(FloorEventWire.Encode(faulted));

        Assert.Equal(["PaperOut", "HeadOpen"], message.PrinterFaulted.Faults);
        Assert.Equal(faulted, FloorEventWire.FromWire(message));
    }

    [Fact]
    public void WireMessage_WithoutABody_IsRefusedWithTheReason()
    {
        var ex = Assert.Throws<InvalidDataException>(() => FloorEventWire.FromWire(new WireEvent { Type = "task.picked" }));

        Assert.Contains("task.picked", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheEventCatalogue_ListsEveryWireName()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "EdgeAgent", "Events", "README.md"));

        Assert.All(FloorEventTypes.All, t => Assert.Contains($"| `{FloorEventTypes.WireName(t)}` | `{t.Name}` |", readme, StringComparison.Ordinal));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EdgeAgent.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The tests run outside the repository");
    }
}
