namespace EdgeAgent.Models.Drift;

/// <summary>Carries a <see cref="DriftAlarm"/> to whoever logs it, audits it or tells a supervisor.</summary>
public sealed class DriftAlarmEventArgs(DriftAlarm alarm) : EventArgs
{
    public DriftAlarm Alarm { get; } = alarm;
}
