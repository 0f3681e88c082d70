namespace EdgeAgent.Exceptions;

/// <summary>The effect of a <see cref="TriageStep"/>.</summary>
public enum TriageVerb
{
    /// <summary>Open a case for the key, or count one more occurrence of the open one.</summary>
    Raise,

    /// <summary>The problem went away by itself: resolve with <c>auto-cleared</c>.</summary>
    Clear,

    /// <summary>Drop a case still under its threshold (the picker got it right in the end).</summary>
    Forget,
}
