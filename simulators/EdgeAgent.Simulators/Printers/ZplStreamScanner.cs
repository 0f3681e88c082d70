using System.Text;

namespace EdgeAgent.Simulators.Printers;

/// <summary>
/// Splits one connection's byte stream as a printer does: <c>~</c> commands act at once, wherever
/// they appear (even inside a format); <c>^XA … ^XZ</c> is a label format.
/// </summary>
internal sealed class ZplStreamScanner
{
    private readonly List<byte> _pending = [];
    private List<byte>? _format;

    /// <summary>Feeds bytes; calls back for each control command (<c>~HS</c>, <c>~JR</c>, …) and each complete format.</summary>
    public void Feed(ReadOnlySpan<byte> bytes, Action<string> onControl, Action<byte[]> onFormat)
    {
        _pending.AddRange(bytes);
        var i = 0;
        while (i < _pending.Count)
        {
            var b = _pending[i];
            if (b == '~' || (b == '^' && _format is null))
            {
                if (i + 2 >= _pending.Count)
                {
                    break;
                }

                var command = Encoding.ASCII.GetString([_pending[i + 1], _pending[i + 2]]);
                if (b == '~')
                {
                    // ~HQES is the one longer control command the emulator knows.
                    var isHq = command == "HQ";
                    if (isHq && i + 4 >= _pending.Count)
                    {
                        break;
                    }

                    onControl(isHq ? "~HQ" + (char)_pending[i + 3] + (char)_pending[i + 4] : "~" + command);
                    i += isHq ? 5 : 3;
                    continue;
                }

                if (command == "XA")
                {
                    _format = [];
                    i += 3;
                    continue;
                }

                i++;
                continue;
            }

            if (_format is not null)
            {
                if (b == '^' && i + 2 >= _pending.Count)
                {
                    break;
                }

                if (b == '^' && _pending[i + 1] == 'X' && _pending[i + 2] == 'Z')
                {
                    onFormat([.. _format]);
                    _format = null;
                    i += 3;
                    continue;
                }

                _format.Add(b);
            }

            i++;
        }

        _pending.RemoveRange(0, i);
    }
}
