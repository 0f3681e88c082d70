using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace EdgeAgent.Simulators.Floor;

/// <summary>
/// A seeded generative model of how long real picks take and which orders ship late: the "world"
/// the agent's models are trained on and checked against. The same seed and options give the same
/// samples in the same order.
/// </summary>
public sealed class FloorTruth
{
    // Seconds a unit takes to take from the shelf, by handling class: bulky items are lifted, fragile ones wrapped.
    private static readonly double[] SecondsPerUnit = [2.5, 4.0, 10.0, 7.0];

    // Reaching a level costs a fixed time (a step, a ladder) and slows every unit handled there.
    private static readonly double[] LevelReachSeconds = [0, 3, 8, 14, 20, 26, 32, 38, 44];

    private const double WalkingMetresPerSecond = 1.1;
    private const double ScanAndConfirmSeconds = 8.0;

    private readonly FloorTruthOptions _options;
    private readonly Random _random;

    public FloorTruth(FloorTruthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        _options = options;
        _random = new Random(options.Seed);
    }

    /// <summary>The next <paramref name="count"/> picks.</summary>
    public IReadOnlyList<PickSample> Picks(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var picks = new PickSample[count];
        for (var i = 0; i < count; i++)
        {
            picks[i] = NextPick();
        }

        return picks;
    }

    /// <summary>The next <paramref name="count"/> orders.</summary>
    public IReadOnlyList<OrderSample> Orders(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var orders = new OrderSample[count];
        for (var i = 0; i < count; i++)
        {
            orders[i] = NextOrder();
        }

        return orders;
    }

    /// <summary>Draws one pick and how long it really took.</summary>
    public PickSample NextPick()
    {
        var (fromAisle, fromBay, fromLevel) = NextSlot();
        var (toAisle, toBay, level) = NextSlot();
        var quantity = 1 + (int)Math.Floor(-Math.Log(1 - _random.NextDouble()) * 3.0);
        quantity = Math.Min(quantity, 24);
        var handling = NextHandling();
        var pace = Math.Clamp(Math.Exp(Normal() * 0.15), 0.65, 1.5);
        var congestion = Math.Pow(_random.NextDouble(), 1.6);

        var metres = WalkMetres(_options, fromAisle, fromBay, toAisle, toBay);
        var (travel, handlingTime) = PickSeconds(metres, Math.Abs(fromAisle - toAisle), quantity, handling, level, pace, congestion);
        var seconds = (travel + handlingTime) * Math.Exp(Normal() * _options.DurationNoise) * _options.DurationShift;

        return new PickSample
        {
            PickerLocation = Slot(fromAisle, fromBay, fromLevel),
            TaskLocation = Slot(toAisle, toBay, level),
            Quantity = quantity,
            Handling = handling,
            Level = level,
            PickerPace = pace,
            ZoneCongestion = congestion,
            ActualSeconds = seconds,
        };
    }

    /// <summary>Draws one order at a decision point and whether it then shipped late.</summary>
    public OrderSample NextOrder()
    {
        var slack = -15 + (_random.NextDouble() * 255);
        var lines = Math.Min(40, 1 + (int)Math.Floor(-Math.Log(1 - _random.NextDouble()) * 6.0));
        var remaining = lines * (0.8 + (_random.NextDouble() * 1.2));
        var backlog = Math.Pow(_random.NextDouble(), 1.3) * 120;
        var priority = NextPriority();

        // Urgent orders jump part of the queue; the rest wait behind the backlog.
        var waiting = backlog * (1 - (0.22 * priority));
        var finish = (waiting + remaining) * Math.Exp(Normal() * _options.FinishNoise) * _options.FinishShift;
        var late = finish > slack;
        if (_random.NextDouble() < _options.OutcomeFlipRate)
        {
            late = !late;
        }

        return new OrderSample
        {
            SlackMinutes = slack,
            OpenLines = lines,
            RemainingWorkMinutes = remaining,
            BacklogMinutesPerPicker = backlog,
            Priority = priority,
            Late = late,
        };
    }

    private (int Aisle, int Bay, int Level) NextSlot() =>
        (_random.Next(_options.Aisles), 1 + _random.Next(_options.BaysPerAisle), 1 + _random.Next(_options.Levels));

    private ItemHandling NextHandling() => _random.NextDouble() switch
    {
        < 0.30 => ItemHandling.Small,
        < 0.75 => ItemHandling.Standard,
        < 0.90 => ItemHandling.Bulky,
        _ => ItemHandling.Fragile,
    };

    private int NextPriority() => _random.NextDouble() switch
    {
        < 0.60 => 0,
        < 0.85 => 1,
        < 0.95 => 2,
        _ => 3,
    };

    /// <summary>The floor's real walking distance in metres: along the aisle, or out of it round the nearer cross aisle.</summary>
    public static double WalkMetres(FloorTruthOptions options, int fromAisle, int fromBay, int toAisle, int toBay)
    {
        ArgumentNullException.ThrowIfNull(options);
        var fromY = fromBay * options.BayDepth;
        var toY = toBay * options.BayDepth;
        if (fromAisle == toAisle)
        {
            return Math.Abs(fromY - toY);
        }

        var aisleLength = (options.BaysPerAisle + 1) * options.BayDepth;
        var across = Math.Abs(fromAisle - toAisle) * options.AisleSpacing;
        return across + Math.Min(fromY + toY, (2 * aisleLength) - fromY - toY);
    }

    /// <summary>
    /// The floor's physics without noise (shared by the training data and the shift scenarios): seconds of travel
    /// (walking and turning at cross aisles) and of handling (reach, take, scan, confirm) for one pick.
    /// </summary>
    public static (double Travel, double Handling) PickSeconds(double metres, int aislesCrossed, int quantity, ItemHandling handling, int level, double pace, double congestion)
    {
        var travel = metres / (WalkingMetresPerSecond * pace) * (1 + (0.8 * congestion));
        // Leaving an aisle means turning a trolley and waiting at the cross aisle, worse when busy.
        var turns = aislesCrossed == 0 ? 0 : (6 + (2 * aislesCrossed)) * (1 + congestion);
        var levelFactor = 1 + (0.15 * (level - 1));
        var handlingTime = (ScanAndConfirmSeconds + (quantity * SecondsPerUnit[(int)handling] * levelFactor)
            + LevelReachSeconds[level - 1]) / pace;
        return (travel + turns, handlingTime);
    }

    // Box–Muller from the seeded generator, so the noise is reproducible.
    private double Normal()
    {
        var u1 = 1 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static string Slot(int aisle, int bay, int level) =>
        string.Create(CultureInfo.InvariantCulture, $"{(char)('A' + aisle)}-{bay:00}-{level}");
}
