namespace EdgeAgent.Handhelds;

/// <summary>How an enrolment request ended; each failure has its own answer on the API.</summary>
public enum EnrolmentStatus
{
    Ok = 0,

    /// <summary>No such code, or it was already used or has expired (not told apart, so a guesser learns nothing).</summary>
    UnknownCode = 1,

    /// <summary>The device id is taken by an active handheld or by a device in the site file.</summary>
    IdTaken = 2,

    /// <summary>The device id is not a topic segment.</summary>
    BadId = 3,

    NotFound = 4,

    /// <summary>The site runs an external broker: its own password file admits devices, not the agent.</summary>
    ExternalBroker = 5,

    /// <summary>Too many wrong codes lately; try again in a minute.</summary>
    TooManyAttempts = 6,
}
