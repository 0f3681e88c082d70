namespace EdgeAgent.Drivers.Printers;

/// <summary>
/// Code 128 as ZPL's <c>^BC</c> encodes it: the field data's invocation codes choose the subset
/// (<c>&gt;;</c> C, <c>&gt;:</c> B, <c>&gt;9</c> A) and <c>&gt;8</c> is FNC1; data without a start code is subset B.
/// The answer is the bar and space widths in modules, start to stop, with the check symbol.
/// </summary>
public static class Code128
{
    private const int StartA = 103;
    private const int StartB = 104;
    private const int StartC = 105;
    private const int Fnc1 = 102;
    private const int Stop = 106;

    // Widths of bar, space, bar, space, bar, space for each symbol value 0-106 (the stop has a final bar).
    private static readonly string[] Patterns =
    [
        "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
        "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
        "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
        "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
        "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
        "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
        "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
        "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
        "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
        "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
        "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
    ];

    /// <summary>The symbol values, start to check symbol (without the stop), for ZPL field data.</summary>
    public static IReadOnlyList<int> Symbols(string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var symbols = new List<int>();
        var subset = 'B';
        var i = 0;
        if (data.StartsWith('>') && data.Length > 1 && data[1] is ';' or ':' or '9')
        {
            subset = data[1] switch { ';' => 'C', ':' => 'B', _ => 'A' };
            i = 2;
        }

        symbols.Add(subset switch { 'C' => StartC, 'A' => StartA, _ => StartB });
        while (i < data.Length)
        {
            if (data[i] == '>' && i + 1 < data.Length)
            {
                var code = data[i + 1];
                i += 2;
                switch (code)
                {
                    case '8': symbols.Add(Fnc1); break;
                    case '5': subset = 'C'; symbols.Add(99); break;
                    case '6': subset = 'B'; symbols.Add(100); break;
                    case '7': subset = 'A'; symbols.Add(101); break;
                    case '0': symbols.Add(Value(subset, '>')); break;
                    default: throw new FormatException($"Unsupported ^BC invocation '>{code}'");
                }

                continue;
            }

            if (subset == 'C')
            {
                if (i + 1 >= data.Length || !char.IsAsciiDigit(data[i]) || !char.IsAsciiDigit(data[i + 1]))
                {
                    throw new FormatException("Subset C takes pairs of digits");
                }

                symbols.Add(((data[i] - '0') * 10) + (data[i + 1] - '0'));
                i += 2;
            }
            else
            {
                symbols.Add(Value(subset, data[i]));
                i++;
            }
        }

        var sum = symbols[0];
        for (var k = 1; k < symbols.Count; k++)
        {
            sum += k * symbols[k];
        }

        symbols.Add(sum % 103);
        return symbols;
    }

    /// <summary>Module widths, alternating bar and space, starting with a bar; the stop pattern ends it.</summary>
    public static IReadOnlyList<int> Modules(string data)
    {
        var widths = new List<int>();
        foreach (var symbol in Symbols(data).Append(Stop))
        {
            widths.AddRange(Patterns[symbol].Select(c => c - '0'));
        }

        return widths;
    }

    private static int Value(char subset, char c) => subset switch
    {
        'A' when c is >= ' ' and <= '_' => c - ' ',
        'A' when c < ' ' => c + 64,
        'B' when c is >= ' ' and <= '\x7f' => c - ' ',
        _ => throw new FormatException($"'{c}' cannot be encoded in Code 128 subset {subset}"),
    };
}
