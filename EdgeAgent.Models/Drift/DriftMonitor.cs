using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.Models.Drift;

/// <summary>
/// Watches predictions against what the floor then did, over a rolling window per signal. A signal past
/// its threshold raises one alarm (until it comes back under) and, if configured, latches "use rule
/// fallback" until a person re-enables the models. Thread-safe; alarms are raised outside the lock.
/// </summary>
public sealed class DriftMonitor
{
    private readonly DriftMonitorOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly RollingWindow _picks;
    private readonly RollingWindow _orders;
    private bool _pickAlarming;
    private bool _orderAlarming;
    private DriftAlarm? _latchedBy;
    private (string By, DateTimeOffset At)? _lastReenabled;

    public DriftMonitor(DriftMonitorOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        _options = options;
        _time = timeProvider;
        _picks = new RollingWindow(options.WindowSize);
        _orders = new RollingWindow(options.WindowSize);
    }

    /// <summary>Raised once when a signal crosses its threshold; again only after it has come back under.</summary>
    public event EventHandler<DriftAlarmEventArgs>? AlarmRaised;

    /// <summary>True while an alarm has latched the rule fallback.</summary>
    public bool UseRuleFallback
    {
        get
        {
            lock (_gate)
            {
                return _latchedBy is not null;
            }
        }
    }

    /// <summary>Records one finished pick; returns the alarm it raised, if any.</summary>
    public DriftAlarm? RecordPick(double predictedSeconds, double actualSeconds)
    {
        if (!double.IsFinite(predictedSeconds) || predictedSeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(predictedSeconds), predictedSeconds, "A prediction must be a finite number of seconds, not negative.");
        }

        if (!double.IsFinite(actualSeconds) || actualSeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(actualSeconds), actualSeconds, "A duration must be a finite number of seconds, not negative.");
        }

        return Record(DriftSignal.PickDuration, predictedSeconds, actualSeconds);
    }

    /// <summary>Records one order's outcome against the probability predicted for it; returns the alarm it raised, if any.</summary>
    public DriftAlarm? RecordOrder(double predictedProbability, bool late)
    {
        if (!(predictedProbability >= 0 && predictedProbability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(predictedProbability), predictedProbability, "A probability lies in [0, 1].");
        }

        return Record(DriftSignal.LateRisk, predictedProbability, late ? 1 : 0);
    }

    /// <summary>
    /// A person puts the models back in charge. The windows start empty, so the evidence that raised the
    /// alarm cannot raise it again at once; a floor still drifted alarms again after enough new samples.
    /// </summary>
    public void Reenable(string by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        lock (_gate)
        {
            _latchedBy = null;
            _pickAlarming = false;
            _orderAlarming = false;
            _picks.Clear();
            _orders.Clear();
            _lastReenabled = (by, _time.GetUtcNow());
        }
    }

    public DriftStatus Status()
    {
        lock (_gate)
        {
            return new DriftStatus
            {
                PickSamples = _picks.Count,
                PickDurationDrift = _picks.Count > 0 ? Drift(DriftSignal.PickDuration, _picks) : null,
                OrderSamples = _orders.Count,
                LateRiskDrift = _orders.Count > 0 ? Drift(DriftSignal.LateRisk, _orders) : null,
                UseRuleFallback = _latchedBy is not null,
                LatchedBy = _latchedBy,
                LastReenabled = _lastReenabled,
            };
        }
    }

    private DriftAlarm? Record(DriftSignal signal, double predicted, double observed)
    {
        DriftAlarm? alarm;
        lock (_gate)
        {
            var window = signal == DriftSignal.PickDuration ? _picks : _orders;
            window.Add(predicted, observed);
            alarm = Evaluate(signal, window);
        }

        if (alarm is not null)
        {
            AlarmRaised?.Invoke(this, new DriftAlarmEventArgs(alarm));
        }

        return alarm;
    }

    private DriftAlarm? Evaluate(DriftSignal signal, RollingWindow window)
    {
        if (window.Count < _options.MinimumSamples)
        {
            return null;
        }

        var threshold = signal == DriftSignal.PickDuration ? _options.DurationBiasThreshold : _options.LateRateThreshold;
        var drift = Drift(signal, window);
        var drifted = Math.Abs(drift) > threshold;
        ref var alarming = ref signal == DriftSignal.PickDuration ? ref _pickAlarming : ref _orderAlarming;
        var crossed = drifted && !alarming;
        alarming = drifted;
        if (!crossed)
        {
            return null;
        }

        var alarm = new DriftAlarm
        {
            Signal = signal,
            Expected = window.PredictedSum / window.Count,
            Observed = window.ObservedSum / window.Count,
            Drift = drift,
            Threshold = threshold,
            Samples = window.Count,
            SwitchedToFallback = _options.SwitchToFallback && _latchedBy is null,
            RaisedAt = _time.GetUtcNow(),
        };
        if (alarm.SwitchedToFallback)
        {
            _latchedBy = alarm;
        }

        return alarm;
    }

    private static double Drift(DriftSignal signal, RollingWindow window) => signal switch
    {
        // Ratio of sums, not mean of ratios: one tiny prediction cannot dominate the window.
        DriftSignal.PickDuration => window.PredictedSum > 0 ? (window.ObservedSum / window.PredictedSum) - 1 : 0,
        _ => (window.ObservedSum - window.PredictedSum) / window.Count,
    };
}
