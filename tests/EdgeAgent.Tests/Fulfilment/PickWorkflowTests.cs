using EdgeAgent.Events;
using EdgeAgent.Drivers.Handhelds;
using EdgeAgent.Fulfilment;

namespace EdgeAgent.Tests.Fulfilment;

public sealed class PickWorkflowTests : IDisposable
{
    private readonly FloorFixture _floor = new("hh-1", "hh-2");

    public PickWorkflowTests()
    {
        _floor.Release(("T-2", "B-02-1", "SKU-2", 3, 60), ("T-1", "A-01-1", "SKU-1", 4, 30), ("T-3", "C-03-1", "SKU-3", 2, 90));
    }

    public void Dispose() => _floor.Dispose();

    [Fact]
    public void Login_AssignsTheNearestDueTask_AndPromptsItsLocation()
    {
        var prompt = _floor.Login("hh-1", "P-1");

        Assert.Equal(PromptKind.GoToLocation, prompt.Kind);
        Assert.Equal(1, prompt.Ack);
        Assert.Equal("T-1", prompt.Task?.Id);
        Assert.Contains("A-01-1", prompt.Text, StringComparison.Ordinal);
        var task = _floor.Floor.Tasks.FindById("T-1");
        Assert.Equal(PickTaskStatus.Assigned, task.Status);
        Assert.Equal("P-1", task.AssignedTo);
    }

    [Fact]
    public void FullPick_LocationThenItemThenQuantity_CompletesTheTask_AndPromptsTheNext()
    {
        _floor.Login("hh-1", "P-1");

        Assert.Equal(PromptKind.ScanItem, _floor.Scan("hh-1", "A-01-1").Kind);
        Assert.Equal(PromptKind.EnterQuantity, _floor.Scan("hh-1", "SKU-1").Kind);
        var next = _floor.Confirm("hh-1", 4);

        Assert.Equal(PromptKind.GoToLocation, next.Kind);
        Assert.Equal("T-2", next.Task?.Id);
        var done = _floor.Floor.Tasks.FindById("T-1");
        Assert.Equal(PickTaskStatus.Picked, done.Status);
        Assert.Equal(4, done.PickedQuantity);
        Assert.Equal(1, _floor.Floor.Pickers.FindById("P-1").TasksDone);
    }

    [Fact]
    public void WrongLocation_IsRefusedWithTheExpectedLocation_AndTheStepStays()
    {
        _floor.Login("hh-1", "P-1");

        var prompt = _floor.Scan("hh-1", "B-02-1");

        Assert.Equal(PromptKind.Error, prompt.Kind);
        Assert.Equal(HandheldErrorCode.WrongLocation, prompt.Error);
        Assert.Contains("A-01-1", prompt.Text, StringComparison.Ordinal);
        Assert.Equal(PromptKind.ScanItem, _floor.Scan("hh-1", "A-01-1").Kind);
    }

    [Fact]
    public void WrongItem_IsRefusedWithTheExpectedSku()
    {
        _floor.Login("hh-1", "P-1");
        _floor.Scan("hh-1", "A-01-1");

        var prompt = _floor.Scan("hh-1", "SKU-9");

        Assert.Equal(HandheldErrorCode.WrongItem, prompt.Error);
        Assert.Contains("SKU-1", prompt.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5, HandheldErrorCode.QuantityOver)]
    [InlineData(3, HandheldErrorCode.QuantityUnder)]
    public void QuantityOtherThanAsked_IsRefused_AndTheTaskStaysOpenForThePicker(int qty, HandheldErrorCode error)
    {
        _floor.Login("hh-1", "P-1");
        _floor.Scan("hh-1", "A-01-1");
        _floor.Scan("hh-1", "SKU-1");

        var prompt = _floor.Confirm("hh-1", qty);

        Assert.Equal(error, prompt.Error);
        Assert.Equal(PickTaskStatus.Assigned, _floor.Floor.Tasks.FindById("T-1").Status);
        Assert.Equal(PromptKind.GoToLocation, _floor.Confirm("hh-1", 4).Kind);
    }

    [Fact]
    public void ConfirmBeforeScanning_IsRefusedAsOutOfOrder()
    {
        _floor.Login("hh-1", "P-1");

        Assert.Equal(HandheldErrorCode.OutOfOrder, _floor.Confirm("hh-1", 4).Error);
    }

    [Fact]
    public void ShortPick_RecordsTheException_AndPromptsTheNextTask()
    {
        _floor.Login("hh-1", "P-1");
        _floor.Scan("hh-1", "A-01-1");

        var next = _floor.Short("hh-1", 1);

        Assert.Equal(PromptKind.GoToLocation, next.Kind);
        Assert.Equal("T-2", next.Task?.Id);
        var shorted = _floor.Floor.Tasks.FindById("T-1");
        Assert.Equal(PickTaskStatus.ShortPicked, shorted.Status);
        Assert.Equal(1, shorted.PickedQuantity);
        Assert.Single(_floor.Floor.Events.OfType<TaskShortPicked>(), e => e.TaskId == "T-1");
    }

    [Fact]
    public void ShortPickOfTheFullQuantity_IsRefused()
    {
        _floor.Login("hh-1", "P-1");
        _floor.Scan("hh-1", "A-01-1");

        Assert.Equal(HandheldErrorCode.QuantityOver, _floor.Short("hh-1", 4).Error);
    }

    [Fact]
    public void ScanBeforeLogin_IsRefusedAsNotLoggedIn()
    {
        Assert.Equal(HandheldErrorCode.NotLoggedIn, _floor.Scan("hh-1", "A-01-1").Error);
    }

    [Fact]
    public void ScanWithNoOpenTask_IsRefusedAsNoOpenTask()
    {
        using var empty = new FloorFixture("hh-1");
        Assert.Equal(PromptKind.NoWork, empty.Login("hh-1", "P-1").Kind);

        Assert.Equal(HandheldErrorCode.NoOpenTask, empty.Scan("hh-1", "A-01-1").Error);
    }

    [Fact]
    public void IdlePicker_GetsWorkOnTheNextScan_OnceTasksAreReleased()
    {
        using var empty = new FloorFixture("hh-1");
        empty.Login("hh-1", "P-1");
        empty.Release(("T-9", "D-01-1", "SKU-9", 1, 5));

        var prompt = empty.Scan("hh-1", "anything");

        Assert.Equal(PromptKind.GoToLocation, prompt.Kind);
        Assert.Equal("T-9", prompt.Task?.Id);
    }

    [Fact]
    public void RedeliveredMessage_IsAnsweredAgainFromTheLedger_AndNotAppliedTwice()
    {
        _floor.Login("hh-1", "P-1");
        _floor.Scan("hh-1", "A-01-1");
        _floor.Scan("hh-1", "SKU-1");
        var first = _floor.Confirm("hh-1", 4);
        var seq = _floor.LastSeq("hh-1");

        var again = _floor.Resend("hh-1", seq, HandheldMessageType.Confirm, qty: 4);

        Assert.True(again.Redelivered);
        Assert.Equal(first, again.Prompt);
        Assert.Equal(1, _floor.Floor.Pickers.FindById("P-1").TasksDone);
        Assert.Equal(PickTaskStatus.Assigned, _floor.Floor.Tasks.FindById("T-2").Status);
        Assert.Single(_floor.Floor.Events.OfType<TaskPicked>());
    }

    [Fact]
    public void OlderSequenceNumber_IsRefusedAsStale_AndNotApplied()
    {
        _floor.Login("hh-1", "P-1");
        _floor.Scan("hh-1", "A-01-1");

        var stale = _floor.Resend("hh-1", 1, HandheldMessageType.Logout);

        Assert.Equal(HandheldErrorCode.StaleSequence, stale.Prompt.Error);
        Assert.NotNull(_floor.Floor.Pickers.FindById("P-1"));
    }

    [Fact]
    public void OlderSequenceTheAgentNeverReceived_IsRefused_WithoutSayingItWasAlreadyAnswered()
    {
        _floor.Login("hh-1", "P-1");
        _floor.Resend("hh-1", 10, HandheldMessageType.Scan, code: "A-01-1");

        var skipped = _floor.Resend("hh-1", 5, HandheldMessageType.Logout).Prompt;
        var answered = _floor.Resend("hh-1", 1, HandheldMessageType.Logout).Prompt;

        Assert.Equal(HandheldErrorCode.StaleSequence, skipped.Error);
        Assert.DoesNotContain("already answered", skipped.Text, StringComparison.Ordinal);
        Assert.Contains("never reached the agent", skipped.Text, StringComparison.Ordinal);
        Assert.Contains("already answered", answered.Text, StringComparison.Ordinal);
        Assert.NotNull(_floor.Floor.Pickers.FindById("P-1"));
    }

    [Fact]
    public void UnknownDevice_IsRefused_AndNothingIsStored()
    {
        var prompt = _floor.Login("hh-99", "P-1");

        Assert.Equal(HandheldErrorCode.UnknownDevice, prompt.Error);
        Assert.Equal(0, _floor.Floor.Pickers.Count());
        Assert.Equal(0, _floor.Floor.Ledgers.Count());
    }

    [Fact]
    public void Logout_PutsTheUnfinishedTaskBackInThePool()
    {
        _floor.Login("hh-1", "P-1");

        Assert.Equal(PromptKind.LoggedOut, _floor.Send("hh-1", HandheldMessageType.Logout).Kind);

        Assert.Equal(PickTaskStatus.Open, _floor.Floor.Tasks.FindById("T-1").Status);
        Assert.Equal("T-1", _floor.Login("hh-2", "P-2").Task?.Id);
    }

    [Fact]
    public void PickerMovingToAnotherHandheld_ResumesTheTask_AndTheOldHandheldNoLongerSpeaksForThem()
    {
        _floor.Login("hh-1", "P-1");
        _floor.Scan("hh-1", "A-01-1");

        var resumed = _floor.Login("hh-2", "P-1");

        Assert.Equal(PromptKind.ScanItem, resumed.Kind);
        Assert.Equal("T-1", resumed.Task?.Id);
        Assert.Equal(HandheldErrorCode.NotLoggedIn, _floor.Scan("hh-1", "SKU-1").Error);
    }

    [Fact]
    public void TwoPickers_NeverGetTheSameTask()
    {
        var first = _floor.Login("hh-1", "P-1");
        var second = _floor.Login("hh-2", "P-2");

        Assert.NotEqual(first.Task?.Id, second.Task?.Id);
    }
}
