namespace EdgeAgent.Drivers.Handhelds;

/// <summary>What a handheld event says; the wire names are the lower-case member names.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "'Short' is the protocol's name for a short pick, not the integer type.")]
public enum HandheldMessageType
{
    Login,
    Scan,
    Confirm,
    Short,
    Logout,

    /// <summary>Units found damaged at the location of the task in hand (quantity in <c>qty</c>).</summary>
    Damaged,
}
