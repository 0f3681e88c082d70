namespace EdgeAgent.Drivers.Tests.Infrastructure;

/// <summary>A theory that needs Mosquitto: skipped with a clear message when it is missing, except on CI.</summary>
public sealed class MosquittoTheoryAttribute : TheoryAttribute
{
    public MosquittoTheoryAttribute() => Skip = MosquittoFixture.SkipReason!;
}
