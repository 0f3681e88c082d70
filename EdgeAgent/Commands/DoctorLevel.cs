namespace EdgeAgent.Commands;

internal enum DoctorLevel
{
    Ok,
    Warn,
    Fail,
}
