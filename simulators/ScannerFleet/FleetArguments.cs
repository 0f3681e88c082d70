using System.Globalization;
using EdgeAgent.Simulators.Scanners;

namespace ScannerFleet;

/// <summary>The command line: <c>--broker host:port --site S --scanners N --rate R --faulty F [--reads N] [--seed N]</c>.</summary>
internal static class FleetArguments
{
    public static (ScannerFleetOptions Options, long Reads)? Parse(string[] args)
    {
        var options = new ScannerFleetOptions();
        long reads = long.MaxValue;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--broker":
                    var colon = value.LastIndexOf(':');
                    options.Host = colon < 0 ? value : value[..colon];
                    options.Port = colon < 0 ? 1883 : int.Parse(value[(colon + 1)..], CultureInfo.InvariantCulture);
                    break;
                case "--site": options.Site = value; break;
                case "--password": options.Password = value; break;
                case "--scanners": options.Scanners = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--rate": options.Rate = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--faulty": options.Faulty = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--reads": reads = long.Parse(value, CultureInfo.InvariantCulture); break;
                case "--seed": options.Seed = int.Parse(value, CultureInfo.InvariantCulture); break;
                default: return null;
            }
        }

        return args.Length % 2 == 0 && options.Scanners > 0 && options.Faulty is >= 0 and <= 1 ? (options, reads) : null;
    }
}
