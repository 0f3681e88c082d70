using System.Globalization;
using System.Text;

namespace EdgeAgent.Simulators.Printers;

/// <summary>Formats the three <c>~HS</c> strings from the emulator's state, as a Zebra lays them out.</summary>
internal static class HostStatusReply
{
    public static byte[] Format(bool paperOut, bool paused, int formatsInBuffer, bool headOpen, bool ribbonOut, int labelsRemaining)
    {
        var one = string.Create(CultureInfo.InvariantCulture, $"030,{Bit(paperOut)},{Bit(paused)},1218,{formatsInBuffer:000},0,0,0,000,0,0,0");
        var two = string.Create(CultureInfo.InvariantCulture, $"001,0,{Bit(headOpen)},{Bit(ribbonOut)},1,2,6,0,{labelsRemaining:00000000},1,000");
        const string three = "1234,0";
        return Encoding.ASCII.GetBytes($"\u0002{one}\u0003\r\n\u0002{two}\u0003\r\n\u0002{three}\u0003\r\n");
    }

    private static char Bit(bool value) => value ? '1' : '0';
}
