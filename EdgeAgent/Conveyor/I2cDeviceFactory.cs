using System.Device.I2c;

namespace EdgeAgent.Conveyor;

/// <summary>
/// Opens the I²C device the line's expander is on; <see cref="I2cDevice.Create"/> unless a host
/// registers another (a test's fake chip), as dotnet/iot bindings take their bus from the caller.
/// </summary>
public delegate I2cDevice I2cDeviceFactory(I2cConnectionSettings settings);
