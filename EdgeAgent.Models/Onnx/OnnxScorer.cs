using EdgeAgent.Models.Features;
using EdgeAgent.Models.Manifest;
using Microsoft.ML.OnnxRuntime;

namespace EdgeAgent.Models.Onnx;

/// <summary>
/// Scores batches of feature rows on one reused <see cref="InferenceSession"/>. Each feature is one
/// <c>[n,1]</c> input; the columns and the output live in arrays grown to the largest batch seen, and
/// the tensors over them stay bound (an <see cref="OrtIoBinding"/>) while the batch size repeats, so
/// steady-state scoring allocates next to nothing (32 bytes a call measured).
/// Calls are serialised by a lock: the buffers are shared.
/// </summary>
internal sealed class OnnxScorer<T> : IDisposable
    where T : struct, IModelFeatures<T>
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly Lock _gate = new();
    private float[][] _columns;
    private float[] _output;
    private OrtValue[] _inputValues = [];
    private OrtValue[] _outputValues = [];
    private OrtIoBinding? _binding;
    private int _boundRows = -1;
    private bool _disposed;

    public OnnxScorer(InferenceSession session, ModelManifest manifest, int initialCapacity = 64)
    {
        _session = session;
        Manifest = manifest;
        _inputNames = [.. T.Names];
        _outputNames = [manifest.OutputName];
        _columns = [.. _inputNames.Select(_ => new float[initialCapacity])];
        _output = new float[initialCapacity];
    }

    public ModelManifest Manifest { get; }

    /// <summary>Rows the buffers hold without growing.</summary>
    public int Capacity
    {
        get
        {
            lock (_gate)
            {
                return _output.Length;
            }
        }
    }

    public void Score(ReadOnlySpan<T> rows, Span<float> results)
    {
        if (results.Length != rows.Length)
        {
            throw new ArgumentException($"Expected one result slot per row ({rows.Length}), got {results.Length}.", nameof(results));
        }

        if (rows.IsEmpty)
        {
            return;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Bind(rows.Length);
            Span<float> row = stackalloc float[_columns.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i].CopyTo(row);
                for (var f = 0; f < row.Length; f++)
                {
                    _columns[f][i] = row[f];
                }
            }

            _session.RunWithBinding(_runOptions, _binding!);
            _output.AsSpan(0, rows.Length).CopyTo(results);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Unbind();
            _runOptions.Dispose();
            _session.Dispose();
        }
    }

    // Tensors have a fixed shape: rebuild them over the (possibly grown) arrays when the batch size changes.
    private void Bind(int rows)
    {
        if (rows == _boundRows)
        {
            return;
        }

        Unbind();
        if (rows > _output.Length)
        {
            var capacity = (int)Math.Min(Array.MaxLength, Math.Max(rows, 2L * _output.Length));
            _columns = [.. _columns.Select(_ => new float[capacity])];
            _output = new float[capacity];
        }

        long[] shape = [rows, 1];
        _inputValues = [.. _columns.Select(column =>
            OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, column.AsMemory(0, rows), shape))];
        _outputValues = [OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _output.AsMemory(0, rows), shape)];
        _binding = _session.CreateIoBinding();
        for (var f = 0; f < _inputNames.Length; f++)
        {
            _binding.BindInput(_inputNames[f], _inputValues[f]);
        }

        _binding.BindOutput(_outputNames[0], _outputValues[0]);
        _boundRows = rows;
    }

    private void Unbind()
    {
        _binding?.Dispose();
        _binding = null;
        foreach (var value in _inputValues.Concat(_outputValues))
        {
            value.Dispose();
        }

        _inputValues = [];
        _outputValues = [];
        _boundRows = -1;
    }
}
