namespace EdgeAgent.Web;

/// <summary>
/// The web port's certificate (section <c>Web:Https</c>): when <see cref="CertificatePath"/> is set the port serves
/// HTTPS only. A PEM certificate with <see cref="KeyPath"/>, or a PKCS#12 (.pfx) file with <see cref="Password"/>.
/// </summary>
public sealed class HttpsOptions
{
    public const string Section = "Web:Https";

    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of a PEM certificate.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The password of a .pfx file, or of an encrypted PEM key.</summary>
    public string? Password { get; set; }
}
