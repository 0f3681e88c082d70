namespace EdgeAgent.Drivers.Scanners;

/// <summary>The bar code symbology, as told by the AIM symbology identifier the scanner prefixed.</summary>
public enum Symbology
{
    /// <summary>No AIM identifier: the scanner was configured not to send one; the data is taken as plain text.</summary>
    Unidentified,
    Code128,
    Gs1128,
    DataMatrix,
    Gs1DataMatrix,
    QrCode,
    Gs1QrCode,
    Gs1DataBar,
    Ean13,
    Ean8,

    /// <summary>A well-formed AIM identifier this decoder does not interpret; the data is plain text.</summary>
    Other,
}
