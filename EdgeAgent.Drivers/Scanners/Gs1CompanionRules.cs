namespace EdgeAgent.Drivers.Scanners;

/// <summary>AIs that must or must not appear together in one element string (FLOOR-FACTS, "Barcodes and GS1").</summary>
internal static class Gs1CompanionRules
{
    private static readonly (string Ai, string Excludes)[] Exclusions = [("01", "02"), ("01", "37")];

    private static readonly (string Ai, string[] Requires)[] Requirements = [("02", ["37"]), ("37", ["00", "02"])];

    public static Gs1Error? Check(Gs1Data data)
    {
        foreach (var (ai, excludes) in Exclusions)
        {
            if (data.Find(ai) is { } element && data.Find(excludes) is { } other)
            {
                return new Gs1Error(
                    Gs1ErrorCode.ConflictingAis,
                    $"AI ({ai}) at position {element.Position} and AI ({excludes}) at position {other.Position} must not appear together",
                    excludes,
                    other.Position);
            }
        }

        foreach (var (ai, requires) in Requirements)
        {
            if (data.Find(ai) is not { } element)
            {
                continue;
            }

            foreach (var required in requires)
            {
                if (data.Find(required) is null)
                {
                    return new Gs1Error(
                        Gs1ErrorCode.MissingCompanion,
                        $"AI ({ai}) at position {element.Position} needs AI ({string.Join(") and (", requires)}); ({required}) is missing",
                        ai,
                        element.Position);
                }
            }
        }

        return null;
    }
}
