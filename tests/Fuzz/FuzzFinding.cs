namespace EdgeAgent.Fuzz;

/// <summary>A broken promise found by a fuzz target: AFL records it as a crash, with the input that caused it.</summary>
internal sealed class FuzzFinding(string message) : Exception(message)
{
    public static void Require(bool condition, string promise)
    {
        if (!condition)
        {
            throw new FuzzFinding(promise);
        }
    }
}
