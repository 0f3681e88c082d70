namespace EdgeAgent.Simulators.Scanners;

/// <summary>A set of conveyor scanners publishing carton reads: valid SSCCs, with a chosen fraction of faulty reads.</summary>
public sealed class ScannerFleet : IAsyncDisposable
{
    private readonly ScannerFleetOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly List<ConveyorScanner> _scanners = [];
    private long _valid;
    private long _faulty;

    public ScannerFleet(ScannerFleetOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public long ValidReads => Interlocked.Read(ref _valid);

    public long FaultyReads => Interlocked.Read(ref _faulty);

    public IReadOnlyList<ConveyorScanner> Scanners => _scanners;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        for (var i = 1; i <= _options.Scanners; i++)
        {
            var scanner = new ConveyorScanner(
                new ConveyorScannerOptions { Host = _options.Host, Port = _options.Port, Site = _options.Site, DeviceId = $"SCN-{i:00}", Password = _options.Password },
                _timeProvider);
            _scanners.Add(scanner);
            await scanner.ConnectAsync(cancellationToken);
        }
    }

    /// <summary>Publishes <paramref name="readsPerScanner"/> reads from each scanner, paced at the configured rate (no pacing when the rate is 0).</summary>
    public async Task RunAsync(long readsPerScanner, CancellationToken cancellationToken)
    {
        var runs = _scanners.Select((scanner, index) => RunScannerAsync(scanner, index, readsPerScanner, cancellationToken));
        await Task.WhenAll(runs);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var scanner in _scanners)
        {
            await scanner.DisposeAsync();
        }
    }

    private async Task RunScannerAsync(ConveyorScanner scanner, int index, long reads, CancellationToken cancellationToken)
    {
#pragma warning disable CA5394 // Simulated faults, not security.
        var random = new Random(_options.Seed + index);
        var interval = _options.Rate > 0 ? TimeSpan.FromSeconds(1 / _options.Rate) : TimeSpan.Zero;
        for (long n = 0; n < reads && !cancellationToken.IsCancellationRequested; n++)
        {
            var sscc = LabelCodes.Sscc(index % 10, _options.CompanyPrefix, (index * 1_000_000L) + n + 1);
            string data;
            if (random.NextDouble() < _options.Faulty)
            {
                data = LabelCodes.Faulty((ReadFault)(Interlocked.Increment(ref _faulty) % 3), sscc, random);
            }
            else
            {
                data = LabelCodes.SsccRead(sscc);
                Interlocked.Increment(ref _valid);
            }
#pragma warning restore CA5394

            await scanner.ReadAsync(data, cancellationToken);
            if (interval > TimeSpan.Zero)
            {
                await Task.Delay(interval, _timeProvider, cancellationToken);
            }
        }
    }
}
