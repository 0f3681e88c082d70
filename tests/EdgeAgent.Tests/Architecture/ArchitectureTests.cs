using System.Reflection;
using CloudBridge.Ingress;
using CloudBridge.Outbox;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Hosting;
using EdgeAgent.Models.Rebalancing;
using NetArchTest.Rules;

namespace EdgeAgent.Tests.Architecture;

/// <summary>
/// DESIGN.md's table of which part may depend on which, and no cycles between the rooms of the agent, stated
/// over the compiled assemblies so the layering stays true.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Agent = typeof(AgentHost).Assembly;
    private static readonly Assembly Drivers = typeof(EmbeddedBroker).Assembly;
    private static readonly Assembly Models = typeof(Rebalancer).Assembly;
    private static readonly Assembly Contract = typeof(CloudBridge.Contract.V1.EventEnvelope).Assembly;
    private static readonly Assembly Edge = typeof(Outbox).Assembly;
    private static readonly Assembly Central = typeof(IngressApp).Assembly;

    /// <summary>Each part, the parts of ours it may use, and the packages it must not carry.</summary>
    public static TheoryData<string, string[], string[]> Table() => new()
    {
        { "EdgeAgent.Drivers", [], ["Microsoft.ML", "Google.Protobuf", "Grpc", "NATS", "LiteDB"] },
        { "EdgeAgent.Models", [], ["Microsoft.ML.Data", "Microsoft.ML.FastTree", "MQTTnet", "Grpc", "NATS", "LiteDB"] },
        { "CloudBridge.Contract", [], ["Microsoft.AspNetCore", "Grpc.AspNetCore", "Grpc.Net.Client", "NATS", "LiteDB"] },
        { "CloudBridge.Edge", ["CloudBridge.Contract"], ["Microsoft.AspNetCore", "Grpc.AspNetCore", "NATS"] },
        { "CloudBridge.Central", ["CloudBridge.Contract"], ["LiteDB", "Polly", "Grpc.Net.Client"] },
        { "EdgeAgent", ["EdgeAgent.Drivers", "EdgeAgent.Models", "CloudBridge.Contract", "CloudBridge.Edge"], ["Microsoft.ML.Data", "Microsoft.ML.FastTree", "NATS", "Grpc.AspNetCore"] },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void EachPart_ReferencesOnlyThePartsDesignAllows_AndNoneOfItsForbiddenPackages(string part, string[] allowed, string[] forbidden)
    {
        var ours = new[] { "EdgeAgent", "EdgeAgent.Drivers", "EdgeAgent.Models", "CloudBridge.Contract", "CloudBridge.Edge", "CloudBridge.Central", "EdgeAgent.Simulators", "EdgeAgent.Demo" };
        var references = Assembly(part).GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, r => ours.Contains(r) && !allowed.Contains(r));
        Assert.DoesNotContain(references, r => forbidden.Any(f => r == f || r.StartsWith(f + ".", StringComparison.Ordinal)));
    }

    [Fact]
    public void TheLibraries_UseNoTypeOfTheAgentNorOfEachOther()
    {
        string[] host = [.. Namespaces(Agent)];

        AssertHolds(Types.InAssembly(Drivers).ShouldNot().HaveDependencyOnAny([.. host, "EdgeAgent.Models", "CloudBridge", "EdgeAgent.Simulators"]), "Drivers");
        AssertHolds(Types.InAssembly(Models).ShouldNot().HaveDependencyOnAny([.. host, "EdgeAgent.Drivers", "CloudBridge", "EdgeAgent.Simulators"]), "Models");
        AssertHolds(Types.InAssembly(Edge).ShouldNot().HaveDependencyOnAny([.. host, "CloudBridge.Ingress", "CloudBridge.Sinks", "EdgeAgent.Simulators"]), "CloudBridge.Edge");
        AssertHolds(Types.InAssembly(Central).ShouldNot().HaveDependencyOnAny([.. host, "CloudBridge.Outbox", "CloudBridge.Uplink", "CloudBridge.Downlink", "EdgeAgent.Simulators"]), "CloudBridge.Central");
        AssertHolds(Types.InAssembly(Agent).ShouldNot().HaveDependencyOnAny(["EdgeAgent.Simulators", "EdgeAgent.Demo", "CloudBridge.Ingress", "CloudBridge.Sinks"]), "EdgeAgent");
    }

    [Fact]
    public void TheAgentsRooms_HaveNoDependencyCycles()
    {
        var rooms = Namespaces(Agent).ToList();
        var edges = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var from in rooms)
        {
            edges[from] = [];
            foreach (var to in rooms.Where(r => r != from))
            {
                var users = Types.InAssembly(Agent).That().ResideInNamespace(from).And().HaveDependencyOn(to).GetTypes().Select(t => t.FullName!).ToList();
                if (users.Count > 0)
                {
                    edges[from][to] = string.Join(", ", users.Take(3));
                }
            }
        }

        var cycles = StronglyConnected(edges).Where(c => c.Count > 1).ToList();

        Assert.True(cycles.Count == 0, string.Join(
            Environment.NewLine,
            cycles.SelectMany(c => c.SelectMany(a => c.Where(b => edges[a].ContainsKey(b)).Select(b => $"{a} -> {b} (by {edges[a][b]})")))));
    }

    [Fact]
    public void StoreAndEvents_KnowNoFeature()
    {
        string[] features = [.. Namespaces(Agent).Where(n => n is not ("EdgeAgent.Storage" or "EdgeAgent.Events" or "EdgeAgent.Configuration"))];

        AssertHolds(Types.InAssembly(Agent).That().ResideInNamespace("EdgeAgent.Storage").ShouldNot().HaveDependencyOnAny(features), "Storage");
        AssertHolds(Types.InAssembly(Agent).That().ResideInNamespace("EdgeAgent.Events").ShouldNot().HaveDependencyOnAny([.. features, "EdgeAgent.Storage"]), "Events");
    }

    private static Assembly Assembly(string name) => name switch
    {
        "EdgeAgent" => Agent,
        "EdgeAgent.Drivers" => Drivers,
        "EdgeAgent.Models" => Models,
        "CloudBridge.Contract" => Contract,
        "CloudBridge.Edge" => Edge,
        "CloudBridge.Central" => Central,
        _ => throw new ArgumentException(name, nameof(name)),
    };

    /// <summary>The agent's rooms: <c>EdgeAgent.X</c> for each folder.</summary>
    private static IEnumerable<string> Namespaces(Assembly assembly) => assembly.GetTypes()
        .Select(t => t.Namespace)
        .OfType<string>()
        .Where(n => n.StartsWith("EdgeAgent.", StringComparison.Ordinal))
        .Select(n => string.Join('.', n.Split('.').Take(2)))
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal);

    private static void AssertHolds(ConditionList rule, string part)
    {
        var result = rule.GetResult();
        Assert.True(result.IsSuccessful, $"{part} depends on what it must not: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    /// <summary>Tarjan's strongly connected components.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, Dictionary<string, string>> edges)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var components = new List<List<string>>();
        foreach (var node in edges.Keys.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        return components;

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in edges[node].Keys)
            {
                if (!index.TryGetValue(next, out var seen))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], seen);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                components.Add(component);
            }
        }
    }
}
