using System.Text.Json;

namespace EdgeAgent.Drivers.Handhelds;

/// <summary>The known fields of one handheld payload, collected in a single pass over the JSON.</summary>
internal struct HandheldPayloadFields
{
    private static readonly string[] Names = ["v", "seq", "type", "picker", "code", "qty"];

    public JsonFieldValue V;
    public JsonFieldValue Seq;
    public JsonFieldValue Type;
    public JsonFieldValue Picker;
    public JsonFieldValue Code;
    public JsonFieldValue Qty;

    /// <summary>The name of a known field that occurred twice, if any.</summary>
    public string? Duplicate;

    /// <summary>The sequence number when it is already readable, so even a rejection can be acknowledged.</summary>
    public readonly long? ReadableSeq => Seq.Token == JsonTokenType.Number && Seq.Integer >= 1 ? Seq.Integer : null;

    /// <summary>
    /// Reads the whole payload. False when it is JSON but not an object; throws <see cref="JsonException"/>
    /// on malformed JSON or trailing data, <see cref="InvalidOperationException"/> on invalid UTF-8 in a string.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, ref HandheldPayloadFields fields)
    {
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 16 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = IndexOf(ref reader);
            reader.Read();
            var value = JsonFieldValue.Read(ref reader);
            if (index >= 0)
            {
                fields.Set(index, value);
            }
        }

        // Anything after the object other than whitespace makes Read throw.
        while (reader.Read())
        {
        }

        return true;
    }

    private static int IndexOf(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (reader.ValueTextEquals(Names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private void Set(int index, JsonFieldValue value)
    {
        ref var slot = ref V;
        switch (index)
        {
            case 1: slot = ref Seq; break;
            case 2: slot = ref Type; break;
            case 3: slot = ref Picker; break;
            case 4: slot = ref Code; break;
            case 5: slot = ref Qty; break;
        }

        if (slot.IsPresent)
        {
            Duplicate ??= Names[index];
        }

        slot = value;
    }
}
