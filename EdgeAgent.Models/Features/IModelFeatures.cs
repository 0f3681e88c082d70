namespace EdgeAgent.Models.Features;

/// <summary>A feature row the ONNX scorer can lay out column by column without boxing.</summary>
internal interface IModelFeatures<TSelf>
    where TSelf : struct, IModelFeatures<TSelf>
{
    /// <summary>Input names in model order.</summary>
    static abstract IReadOnlyList<string> Names { get; }

    static abstract TSelf From(ReadOnlySpan<float> values);

    void CopyTo(Span<float> destination);
}
