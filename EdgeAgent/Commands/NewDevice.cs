namespace EdgeAgent.Commands;

/// <summary>A device being added: its id, its kind, and the password it was just given (shown once, on its sheet).</summary>
internal sealed record NewDevice(string Id, DeviceKind Kind, string Password);
