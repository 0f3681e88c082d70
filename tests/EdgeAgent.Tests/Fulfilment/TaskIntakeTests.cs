using EdgeAgent.Fulfilment;
using EdgeAgent.Models.Features;

namespace EdgeAgent.Tests.Fulfilment;

public sealed class TaskIntakeTests
{
    [Fact]
    public void AddNew_WithOnlyTheRequiredFields_FillsTheFloorDefaults()
    {
        using var floor = new FloorFixture();
        var now = floor.Time.GetUtcNow().UtcDateTime;

        TaskIntake.AddNew(floor.Db, [new NewPickTask("T-1", "c-07-2", "SKU-1", 2, null), new NewPickTask("T-2", "DOCK-3", "SKU-2", 1, null)], now);

        var task = floor.Floor.Tasks.FindById("T-1");
        Assert.Equal(("C", "T-1", 3, HandlingClass.Standard, (string?)null), (task.Zone, task.OrderId, task.Priority, task.Handling, task.RequiredSkill));
        Assert.Equal((now, now.AddHours(4)), (task.ReleasedAt, task.DueAt));
        Assert.Equal("default", floor.Floor.Tasks.FindById("T-2").Zone);
    }

    [Fact]
    public void AddNew_KeepsTheReleasedOrderPriorityHandlingAndSkill()
    {
        using var floor = new FloorFixture();

        TaskIntake.AddNew(floor.Db, [new NewPickTask("T-1", "A-01-1", "SKU-1", 1, null, Zone: "cold-1", OrderId: "SO-9", Priority: 1, Handling: "Fragile", Skill: " cold ")], floor.Time.GetUtcNow().UtcDateTime);

        var task = floor.Floor.Tasks.FindById("T-1");
        Assert.Equal(("cold-1", "SO-9", 1, HandlingClass.Fragile, "cold"), (task.Zone, task.OrderId, task.Priority, task.Handling, task.RequiredSkill));
    }

    [Theory]
    [InlineData(0, null, null, "[0].priority: must be between 1 (most urgent) and 5, got 0")]
    [InlineData(6, null, null, "[0].priority: must be between 1 (most urgent) and 5, got 6")]
    [InlineData(null, "heavy", null, "[0].handling: must be one of small, standard, bulky, fragile, got 'heavy'")]
    [InlineData(null, "2", null, "[0].handling: must be one of small, standard, bulky, fragile, got '2'")]
    [InlineData(null, null, " ", "[0].zone: is required")]
    public void Validate_NamesTheBadOptionalField(int? priority, string? handling, string? zone, string expected)
    {
        var problems = TaskIntake.Validate([new NewPickTask("T-1", "A-01-1", "SKU-1", 1, null, Zone: zone, Priority: priority, Handling: handling)]);

        Assert.Equal([expected], problems);
    }
}
