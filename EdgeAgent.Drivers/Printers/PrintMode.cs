namespace EdgeAgent.Drivers.Printers;

/// <summary>The print mode a printer reports in <c>~HS</c> string 2, field r.</summary>
public enum PrintMode
{
    Rewind = 0,
    PeelOff = 1,
    TearOff = 2,
    Cutter = 3,
    Applicator = 4,
    DelayedCut = 5,
    Rfid = 9,
}
