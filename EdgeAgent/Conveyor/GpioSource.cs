namespace EdgeAgent.Conveyor;

public enum GpioSource
{
    /// <summary>The board's own GPIO chip (System.Device.Gpio picks the driver for the board).</summary>
    Board = 0,

    /// <summary>A simulated chip, for demos and tests on a machine with no GPIO.</summary>
    Simulated = 1,
}
