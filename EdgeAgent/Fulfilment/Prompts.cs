using EdgeAgent.Drivers.Handhelds;
using EdgeAgent.Models.Features;

namespace EdgeAgent.Fulfilment;

/// <summary>The lines a picker reads on the handheld, in one place so they stay consistent.</summary>
internal static class Prompts
{
    public static HandheldPrompt GoToLocation(long ack, PickTask task, string lead) =>
        Make(ack, PromptKind.GoToLocation, $"{lead}. Go to {task.Location}, pick {task.Quantity} of {task.Sku}", task);

    public static HandheldPrompt ScanItem(long ack, PickTask task) =>
        Make(ack, PromptKind.ScanItem, $"At {task.Location}: scan item {task.Sku}", task);

    public static HandheldPrompt EnterQuantity(long ack, PickTask task) =>
        Make(ack, PromptKind.EnterQuantity, $"Pick {task.Quantity} of {task.Sku}, then enter the quantity", task);

    public static HandheldPrompt NoWork(long ack, string text) => Make(ack, PromptKind.NoWork, text, null);

    public static HandheldPrompt LoggedOut(long ack) => Make(ack, PromptKind.LoggedOut, "Logged out", null);

    public static HandheldPrompt Error(long ack, HandheldErrorCode error, string text, PickTask? task = null) =>
        Make(ack, PromptKind.Error, text, task) with { Error = error };

    private static HandheldPrompt Make(long ack, PromptKind kind, string text, PickTask? task) => new()
    {
        Ack = ack,
        Kind = kind,
        Text = text,
        Task = task is null ? null : new PromptTask(task.Id, task.Location, task.Sku, task.Quantity, NullIfEmpty(task.OrderId), HandlingNote(task)),
    };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>What the picker must know about the goods: their handling class unless standard, and a required skill.</summary>
    private static string? HandlingNote(PickTask task)
    {
        var handling = task.Handling == HandlingClass.Standard ? null : task.Handling.ToString().ToLowerInvariant();
        return (handling, task.RequiredSkill) switch
        {
            (null, null) => null,
            (var h, null) => h,
            (null, var skill) => skill,
            var (h, skill) => $"{h}, {skill}",
        };
    }
}
