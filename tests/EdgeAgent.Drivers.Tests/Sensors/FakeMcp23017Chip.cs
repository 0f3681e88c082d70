using System.Device.I2c;

namespace EdgeAgent.Drivers.Tests.Sensors;

/// <summary>
/// An MCP23017 as seen from the I²C bus: 22 registers (IOCON.BANK = 0, A/B interleaved) behind an
/// address pointer that a write sets and that auto-increments, so the real Iot.Device.Bindings
/// driver runs unchanged on top of it.
/// </summary>
internal sealed class FakeMcp23017Chip : I2cDevice
{
    public const byte Iodira = 0x00;
    public const byte Gppua = 0x0C;
    public const byte Gpioa = 0x12;

    private readonly byte[] _registers = new byte[0x16];
    private int _pointer;

    public FakeMcp23017Chip()
    {
        // Power-on state: every pin an input.
        _registers[Iodira] = 0xFF;
        _registers[Iodira + 1] = 0xFF;
    }

    public override I2cConnectionSettings ConnectionSettings { get; } = new(1, 0x20);

    public long Transactions { get; private set; }

    /// <summary>Sets the level the outside world puts on an input pin (0–7 port A, 8–15 port B).</summary>
    public void SetInput(int pin, bool high)
    {
        var address = Gpioa + (pin / 8);
        var mask = (byte)(1 << (pin % 8));
        _registers[address] = high ? (byte)(_registers[address] | mask) : (byte)(_registers[address] & ~mask);
    }

    public byte Register(byte address) => _registers[address];

    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    public override void Read(Span<byte> buffer)
    {
        Transactions++;
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = _registers[_pointer];
            _pointer = (_pointer + 1) % _registers.Length;
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Transactions++;
        if (buffer.IsEmpty)
        {
            return;
        }

        _pointer = buffer[0] % _registers.Length;
        foreach (var value in buffer[1..])
        {
            // GPIO reads the pins; a write to it lands in the output latch, as on the chip.
            var target = _pointer is Gpioa or Gpioa + 1 ? _pointer + 2 : _pointer;
            _registers[target] = value;
            _pointer = (_pointer + 1) % _registers.Length;
        }
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }
}
