namespace EdgeAgent.Conveyor;

/// <summary>Which GPIO chip the line's pin map is on (<c>Conveyor:Gpio</c>).</summary>
public enum GpioSource
{
    /// <summary>The board's own GPIO chip (System.Device.Gpio picks the driver for the board).</summary>
    Board = 0,

    /// <summary>A simulated chip, for demos and tests on a machine with no GPIO.</summary>
    Simulated = 1,

    /// <summary>An MCP23017 expander on an I²C bus (<c>Conveyor:Mcp23017</c>): pins 0–7 are GPA0–7, 8–15 are GPB0–7.</summary>
    Mcp23017 = 2,
}
