using System.Device.Gpio;
using EdgeAgent.Drivers.Sensors;

namespace EdgeAgent.Simulators.Sensors;

/// <summary>
/// Plays a script of pin levels onto a <see cref="SimulatedGpioDriver"/>: step by step under a test's
/// fake clock (<see cref="ApplyDue"/>), or in real time (<see cref="RunAsync"/>).
/// </summary>
public sealed class SensorRig
{
    private readonly SimulatedGpioDriver _chip;
    private readonly IReadOnlyList<RigStep> _steps;
    private readonly TimeProvider _timeProvider;
    private readonly long _started;
    private int _next;

    public SensorRig(SimulatedGpioDriver chip, IReadOnlyList<RigStep> steps, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(chip);
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _chip = chip;
        _steps = [.. steps.OrderBy(s => s.At)];
        _timeProvider = timeProvider;
        _started = timeProvider.GetTimestamp();
    }

    /// <summary>Raised after each step is put on its pin (edges themselves reach the chip's callbacks first).</summary>
    public event Action<RigStep>? StepApplied;

    /// <summary>The scenario time of the step being applied (or the last one applied).</summary>
    public TimeSpan Now { get; private set; }

    public bool Finished => _next >= _steps.Count;

    public TimeSpan Duration => _steps.Count == 0 ? TimeSpan.Zero : _steps[^1].At;

    /// <summary>Applies every step whose time has come on the rig's clock.</summary>
    public int ApplyDue()
    {
        var elapsed = _timeProvider.GetElapsedTime(_started);
        var applied = 0;
        while (_next < _steps.Count && _steps[_next].At <= elapsed)
        {
            Apply(_steps[_next++]);
            applied++;
        }

        return applied;
    }

    /// <summary>Applies the next step at once, whatever the clock says (for printing a scenario without waiting).</summary>
    public bool ApplyNext()
    {
        if (Finished)
        {
            return false;
        }

        Apply(_steps[_next++]);
        return true;
    }

    /// <summary>Plays the remaining steps at their times on the rig's clock.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!Finished)
        {
            var wait = _steps[_next].At - _timeProvider.GetElapsedTime(_started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _timeProvider, cancellationToken);
            }

            ApplyDue();
        }
    }

    private void Apply(RigStep step)
    {
        Now = step.At;
        _chip.SetInput(step.Pin, step.High ? PinValue.High : PinValue.Low);
        StepApplied?.Invoke(step);
    }
}
