using EdgeAgent.Drivers.Tests.Infrastructure;

namespace EdgeAgent.Drivers.Tests.Handhelds;

/// <summary>The same gateway code against an external broker: only the connection options differ.</summary>
public sealed class HandheldGatewayOverMosquittoTests(MosquittoFixture mosquitto) : IClassFixture<MosquittoFixture>
{
    [Fact]
    public Task ValidEvent_ReachesTheCallback_AndItsPromptReachesTheHandheld() =>
        GatewayScenarios.ValidEvent_ReachesTheCallback_AndItsPromptReachesTheHandheld(mosquitto.Port);

    [Theory]
    [MemberData(nameof(GatewayScenarios.BadInputs), MemberType = typeof(GatewayScenarios))]
    public Task BadInput_IsAnsweredWithTheErrorPrompt_AndCounted(string channel, string payload, string error, long? ack) =>
        GatewayScenarios.BadInput_IsAnsweredWithTheErrorPrompt_AndCounted(mosquitto.Port, channel, payload, error, ack);

    [Fact]
    public Task ThrowingCallback_YieldsAnInternalErrorPrompt_AndTheGatewayKeepsServing() =>
        GatewayScenarios.ThrowingCallback_YieldsAnInternalErrorPrompt_AndTheGatewayKeepsServing(mosquitto.Port);
}
