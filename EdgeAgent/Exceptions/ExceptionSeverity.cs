namespace EdgeAgent.Exceptions;

/// <summary>How urgently an exception needs a person, from the classification table.</summary>
public enum ExceptionSeverity
{
    Low,
    Medium,
    High,
    Critical,
}
