using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.Demo;

/// <summary>The demo host's simulated floor (section <c>Demo</c>).</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    [Range(1, 50, ErrorMessage = "Demo:Handhelds must be between 1 and 50")]
    public int Handhelds { get; set; } = 4;

    [Range(1, 10000, ErrorMessage = "Demo:Tasks must be between 1 and 10000")]
    public int Tasks { get; set; } = 36;

    /// <summary>A new wave of tasks is released this often so the floor keeps moving; 0 releases one wave only.</summary>
    [Range(0, 3600, ErrorMessage = "Demo:WaveSeconds must be between 0 and 3600")]
    public int WaveSeconds { get; set; } = 20;

    /// <summary>Port of the demo's central ingress; 0 runs the demo without central.</summary>
    [Range(0, 65535, ErrorMessage = "Demo:CentralPort must be between 0 and 65535")]
    public int CentralPort { get; set; }

    public string CentralDataDirectory { get; set; } = "data/central";

    /// <summary>Ports of the demo's emulated label printers; none runs the demo without a conveyor.</summary>
    public List<int> PrinterPorts { get; } = [];

    /// <summary>Time between cartons on the demo conveyor, in milliseconds.</summary>
    [Range(100, 60000, ErrorMessage = "Demo:CartonMilliseconds must be between 100 and 60000")]
    public int CartonMilliseconds { get; set; } = 2000;

    /// <summary>Walking time between locations, in milliseconds.</summary>
    [Range(0, 60000, ErrorMessage = "Demo:WalkMilliseconds must be between 0 and 60000")]
    public int WalkMilliseconds { get; set; } = 400;
}
