namespace EdgeAgent.Drivers.Sensors;

/// <summary>The chip's internal resistor on an input pin (an opto-isolated input board usually needs none).</summary>
public enum InputPull
{
    None,
    Up,
    Down,
}
