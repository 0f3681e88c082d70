using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using EdgeAgent.Models.Features;
using EdgeAgent.Models.Layout;
using EdgeAgent.Simulators.Floor;

namespace EdgeAgent.Models.Training;

/// <summary>Draws training and validation rows from the floor truth and features them with the runtime's own code.</summary>
internal static class TrainingData
{
    public static (List<PickRow> Training, List<PickRow> Validation) Picks(TrainingSettings settings)
    {
        var truth = new FloorTruth(new FloorTruthOptions { Seed = settings.Seed });
        var builder = new PickFeatureBuilder(new WarehouseLayout());
        var rows = new List<PickRow>(settings.TrainingRows + settings.ValidationRows);
        foreach (var pick in truth.Picks(settings.TrainingRows + settings.ValidationRows))
        {
            var features = builder.Build(
                pick.PickerLocation,
                pick.TaskLocation,
                pick.Quantity,
                Enum.Parse<HandlingClass>(pick.Handling.ToString()),
                pick.PickerPace,
                pick.ZoneCongestion)
                ?? throw new InvalidOperationException($"The floor truth produced a location the layout does not know: {pick.TaskLocation}");
            rows.Add(new PickRow
            {
                TravelMetres = features.TravelMetres,
                AisleChanges = features.AisleChanges,
                Quantity = features.Quantity,
                HandlingClass = features.HandlingClass,
                Level = features.Level,
                PickerPace = features.PickerPace,
                ZoneCongestion = features.ZoneCongestion,
                Label = (float)(pick.ActualSeconds * settings.PickSecondsScale),
            });
        }

        return (rows[..settings.TrainingRows], rows[settings.TrainingRows..]);
    }

    public static (List<LateRiskRow> Training, List<LateRiskRow> Validation) Orders(TrainingSettings settings)
    {
        // A seed of its own, so adding pick rows never changes the order rows.
        var truth = new FloorTruth(new FloorTruthOptions { Seed = settings.Seed + 1 });
        var rows = truth.Orders(settings.TrainingRows + settings.ValidationRows)
            .Select(order => new LateRiskRow
            {
                SlackMinutes = (float)order.SlackMinutes,
                OpenLines = order.OpenLines,
                RemainingWorkMinutes = (float)order.RemainingWorkMinutes,
                BacklogMinutesPerPicker = (float)order.BacklogMinutesPerPicker,
                Priority = order.Priority,
                Label = order.Late,
            })
            .ToList();
        return (rows[..settings.TrainingRows], rows[settings.TrainingRows..]);
    }

    public static float[] Features(PickRow row) =>
        [row.TravelMetres, row.AisleChanges, row.Quantity, row.HandlingClass, row.Level, row.PickerPace, row.ZoneCongestion];

    public static float[] Features(LateRiskRow row) =>
        [row.SlackMinutes, row.OpenLines, row.RemainingWorkMinutes, row.BacklogMinutesPerPicker, row.Priority];

    /// <summary>
    /// SHA-256 over the feature names (UTF-8, one per line) then every row's features and label as
    /// little-endian float32 (a late order's label is 1): the same rows always hash the same.
    /// </summary>
    public static string Hash(IReadOnlyList<string> names, IEnumerable<(float[] Features, float Label)> rows)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(string.Join('\n', names) + "\n"));
        Span<byte> buffer = stackalloc byte[4];
        foreach (var (features, label) in rows)
        {
            foreach (var value in features)
            {
                BinaryPrimitives.WriteSingleLittleEndian(buffer, value);
                sha.AppendData(buffer);
            }

            BinaryPrimitives.WriteSingleLittleEndian(buffer, label);
            sha.AppendData(buffer);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
