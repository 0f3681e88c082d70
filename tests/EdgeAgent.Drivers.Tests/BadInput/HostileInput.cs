using System.Globalization;
using System.Text;
using CsCheck;

namespace EdgeAgent.Drivers.Tests.BadInput;

/// <summary>
/// Generators of what a broken or hostile device sends: random bytes, near-miss JSON built from the protocol's
/// own field names with every kind of wrong value, deep nesting, huge numbers, control characters, and byte
/// mutations (flips, cuts, insertions) of valid payloads.
/// </summary>
internal static class HostileInput
{
    private static readonly string[] Keys = ["v", "seq", "type", "picker", "code", "qty", "data", "symbology", "value", "ts", "at", "id", "", "V", "seq\u0000", "type "];

    private static readonly Gen<string> Scalars = Gen.OneOf(
        Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture)),
        Gen.Int[-3, 3].Select(n => n.ToString(CultureInfo.InvariantCulture)),
        Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "1e400"),
        HostileInput.Pick("1e400", "-1e400", "-0", "1.0", "0.5", "99999999999999999999999", "-9223372036854775809", "9223372036854775808", "1E2", "0x10", "NaN", "Infinity", "00", "+1", ".5"),
        HostileInput.Pick("true", "false", "null", "\"\"", "{}", "[]", "\"login\"", "\"scan\"", "\"confirm\"", "\"short\"", "\"logout\"", "\"damaged\"", "\"2026-13-45T99:00:00Z\"", "\"2026-01-31T08:00:00Z\""),
        Gen.String.Select(Quote),
        Gen.Char[(char)0, (char)0x7f].Array[0, 40].Select(c => Quote(new string(c))),
        Gen.Int[0, 5000].Select(n => Quote(new string('x', n))),
        Gen.Int[1, 400].Select(depth => new string('[', depth) + new string(']', depth)),
        Gen.Int[1, 400].Select(depth => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)));

    /// <summary>One of the given values.</summary>
    public static Gen<string> Pick(params string[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    /// <summary>Objects made of protocol-like keys (sometimes repeated) with any value.</summary>
    public static readonly Gen<string> NearMissJson =
        Gen.Select(Gen.Int[0, Keys.Length - 1], Scalars).Array[0, 8]
            .Select(fields => "{" + string.Join(',', fields.Select(f => Quote(Keys[f.Item1]) + ":" + f.Item2)) + "}");

    /// <summary>Raw bytes: anything at all, and UTF-8 of any text.</summary>
    public static readonly Gen<byte[]> AnyBytes = Gen.OneOf(
        Gen.Byte.Array[0, 700],
        Gen.String.Select(s => Encoding.UTF8.GetBytes(s)),
        Scalars.Select(s => Encoding.UTF8.GetBytes(s)));

    /// <summary>A valid payload with a few bytes flipped, cut off or inserted.</summary>
    public static Gen<byte[]> Mutated(params string[] valid) =>
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Select(Gen.Int[0, 2], Gen.Int[0, int.MaxValue], Gen.Byte).Array[1, 6])
            .Select((which, edits) =>
            {
                var bytes = new List<byte>(Encoding.UTF8.GetBytes(valid[which]));
                foreach (var (kind, position, value) in edits)
                {
                    int at = bytes.Count == 0 ? 0 : position % bytes.Count;
                    switch (kind)
                    {
                        case 0 when bytes.Count > 0:
                            bytes[at] = value;
                            break;
                        case 1:
                            bytes.RemoveRange(at, bytes.Count - at);
                            break;
                        default:
                            bytes.Insert(at, value);
                            break;
                    }
                }

                return bytes.ToArray();
            });

    /// <summary>Everything above, as bytes.</summary>
    public static Gen<byte[]> Any(params string[] valid) => Gen.OneOf(AnyBytes, NearMissJson.Select(s => Encoding.UTF8.GetBytes(s)), Mutated(valid));

    private static string Quote(string s)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in s)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }
}
