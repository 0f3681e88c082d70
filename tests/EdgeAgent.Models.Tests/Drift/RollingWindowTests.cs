using CsCheck;
using EdgeAgent.Models.Drift;

namespace EdgeAgent.Models.Tests.Drift;

public sealed class RollingWindowTests
{
    [Fact]
    public void Window_AnyStream_HoldsAtMostItsSizeAndSumsExactlyTheLastSamples()
    {
        Gen.Select(Gen.Int[1, 50], Gen.Double[0, 1000].Array[0, 300])
            .Sample((size, values) =>
            {
                var window = new RollingWindow(size);
                foreach (var v in values)
                {
                    window.Add(v, v * 2);
                }

                var last = values.TakeLast(size).ToArray();
                Assert.Equal(last.Length, window.Count);
                Assert.Equal(last.Sum(), window.PredictedSum, 1e-6 * (1 + last.Sum()));
                Assert.Equal(2 * last.Sum(), window.ObservedSum, 1e-6 * (1 + last.Sum()));
            });
    }
}
