namespace EdgeAgent.Drivers.Tests.Infrastructure;

/// <summary>A fact that needs Mosquitto: skipped with a clear message when it is missing, except on CI.</summary>
public sealed class MosquittoFactAttribute : FactAttribute
{
    public MosquittoFactAttribute() => Skip = MosquittoFixture.SkipReason!;
}
