using ErpSimulator;

// The ERP side of central, speaking only the bridge's admin API:
//   release: put order and pick-task releases into a gateway's downlink command log
//   read:    show what the gateway shipped uplink on a lane
//   expedite, hold: change an order's priority, put it on hold or release it
//   model:   send a model (.onnx + manifest) to a gateway over its downlink, chunked
//   consume: read the typed floor events from central's JetStream with a durable consumer (or replay from a time)
var settings = SimulatorSettings.Parse(args);
if (settings is null)
{
    Console.Error.WriteLine("""
        usage: ErpSimulator release --gateway ID [--orders N] [--tasks-per-order N] [--wave NAME] [--address URL] [--admin-token T]
               ErpSimulator read    --gateway ID [--lane business] [--after SEQ] [--address URL] [--admin-token T]
               ErpSimulator expedite --gateway ID --order ORDER [--priority 1]
               ErpSimulator hold     --gateway ID --order ORDER [--release true] [--approved-by NAME] [--confidence 0-1]
               ErpSimulator model    --gateway ID --dir DIR [--model pick-duration|late-risk] [--update-id ID] [--chunk-bytes N]
               ErpSimulator consume  --gateway ID|* [--nats URLS] [--durable erp] [--from 2026-01-31T08:00:00Z] [--lane business]
                                     [--stream BRIDGE_EVENTS] [--partitions 3] [--subject-prefix bridge.events]
        defaults: --address http://127.0.0.1:5090, token from ERP_ADMIN_TOKEN
        """);
    return 2;
}

using var erp = new ErpClient(settings.Address, settings.AdminToken);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

try
{
    return settings.Verb switch
    {
        "release" => await new OrderReleaser(erp).ReleaseAsync(settings, stop.Token),
        "read" => await new UplinkReader(erp).ReadAsync(settings, stop.Token),
        "expedite" or "hold" => await new OrderReleaser(erp).InstructAsync(settings, stop.Token),
        "consume" => await FloorEventReader.ReadAsync(settings, stop.Token),
        "model" => await new ModelPusher(erp).PushAsync(settings, stop.Token),
        _ => 2,
    };
}
catch (Grpc.Core.RpcException ex)
{
    Console.Error.WriteLine($"central refused: {ex.StatusCode}: {ex.Status.Detail}");
    return 1;
}
