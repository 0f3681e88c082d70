namespace EdgeAgent.Simulators.Printers;

/// <summary>One complete <c>^XA … ^XZ</c> format the emulator received, raw and with its field data decoded (<c>^FH</c> escapes applied, UTF-8).</summary>
public sealed record EmulatedLabel(int Sequence, byte[] Raw, IReadOnlyList<string> Fields);
