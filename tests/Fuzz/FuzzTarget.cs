namespace EdgeAgent.Fuzz;

/// <summary>One surface to fuzz: a name for the command line and the corpus folder, and what one input does to it.</summary>
/// <param name="Name">The target's name (also its folder under <c>corpus/</c>).</param>
/// <param name="Surface">What the input is, in the words of the README.</param>
/// <param name="Run">Feeds one input to the parser and checks the answer; throws <see cref="FuzzFinding"/> (or anything else) on a defect.</param>
internal sealed record FuzzTarget(string Name, string Surface, Action<byte[]> Run);
