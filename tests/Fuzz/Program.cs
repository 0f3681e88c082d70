using EdgeAgent.Fuzz;
using SharpFuzz;

// The fuzz targets' host. Under afl-fuzz (run.sh): `EdgeAgent.Fuzz <target>` runs SharpFuzz's fork server and feeds
// each input from AFL to the target. Without AFL: `replay <target> <file|dir>...` runs saved inputs (a crash AFL
// found, the seed corpus) once each; `instrument <dir>` adds SharpFuzz's coverage probes to a copy of the build.
const long AllocationLimitBytes = 64L * 1024 * 1024;

switch (args)
{
    case ["list"]:
        foreach (var t in Targets.All)
        {
            Console.WriteLine($"{t.Name,-15} {t.Surface}");
        }

        return 0;
    case ["instrument", var directory]:
        // Our parsers and the generated protobuf code that decodes what gateways send; not the framework.
        foreach (var assembly in new[] { "EdgeAgent.Drivers.dll", "CloudBridge.Central.dll", "CloudBridge.Contract.dll" })
        {
            var types = Fuzzer.Instrument(Path.Combine(directory, assembly), _ => true, Options.Value);
            Console.WriteLine($"instrumented {assembly}: {types.Count()} types");
        }

        return 0;
    case ["seed-batches", var directory]:
        SeedBatches.Write(directory);
        return 0;
    case ["replay", var name, .. var paths] when Find(name) is { } target:
        int cases = 0, findings = 0;
        foreach (var file in paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p]).Order(StringComparer.Ordinal))
        {
            cases++;
            try
            {
                RunOne(target, File.ReadAllBytes(file));
            }
            catch (Exception e)
            {
                findings++;
                Console.WriteLine($"FINDING {name} {file}: {e.GetType().Name}: {e.Message}");
            }
        }

        Console.WriteLine($"replayed {cases} inputs through {name}: {findings} findings");
        return findings == 0 ? 0 : 1;
    case [var name] when Find(name) is { } target:
        Fuzzer.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            RunOne(target, buffer.ToArray());
        });
        return 0;
    default:
        Console.Error.WriteLine($"usage: EdgeAgent.Fuzz list | instrument DIR | seed-batches DIR | replay TARGET FILE|DIR... | TARGET (under afl-fuzz)\ntargets: {string.Join(' ', Targets.All.Select(t => t.Name))}");
        return 2;
}

static FuzzTarget? Find(string name) => Targets.All.FirstOrDefault(t => t.Name == name);

// One input, with a bound on what it may allocate: a parser that refuses oversized input unread never comes near it,
// so passing it means memory grows with something other than the input (an unbounded buffer or loop).
static void RunOne(FuzzTarget target, byte[] input)
{
    long before = GC.GetAllocatedBytesForCurrentThread();
    target.Run(input);
    long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
    FuzzFinding.Require(allocated <= AllocationLimitBytes, $"unbounded memory: {allocated} bytes allocated for a {input.Length}-byte input");
}
