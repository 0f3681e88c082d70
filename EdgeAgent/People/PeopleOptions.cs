using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.People;

/// <summary>Console sign-in (section <c>People</c>): the password hash's cost, session lifetimes and the failed-sign-in back-off.</summary>
public sealed class PeopleOptions
{
    public const string Section = "People";

    /// <summary>PBKDF2-SHA256 iterations for new password hashes (existing hashes keep theirs). Default 210,000 (OWASP's figure for SHA-512 class cost on a gateway CPU).</summary>
    [Range(10_000, 5_000_000, ErrorMessage = "People:PasswordIterations must be 10000-5000000")]
    public int PasswordIterations { get; set; } = 210_000;

    /// <summary>A session ends after this long without a request (the cookie's sliding expiry). Default 30.</summary>
    [Range(1, 1440, ErrorMessage = "People:IdleMinutes must be 1-1440")]
    public int IdleMinutes { get; set; } = 30;

    /// <summary>A session ends this long after sign-in however active it is. Default 12.</summary>
    [Range(1, 168, ErrorMessage = "People:SessionHours must be 1-168")]
    public int SessionHours { get; set; } = 12;

    /// <summary>Failed sign-ins a client address or a name may make before it is slowed. Default 5.</summary>
    [Range(1, 100, ErrorMessage = "People:FreeFailures must be 1-100")]
    public int FreeFailures { get; set; } = 5;

    /// <summary>The first back-off after the free failures, doubled with each further failure. Default 30 s.</summary>
    [Range(1, 3600, ErrorMessage = "People:BackoffSeconds must be 1-3600")]
    public int BackoffSeconds { get; set; } = 30;

    /// <summary>The longest back-off. Default 900 s (15 min).</summary>
    [Range(1, 86_400, ErrorMessage = "People:MaxBackoffSeconds must be 1-86400")]
    public int MaxBackoffSeconds { get; set; } = 900;
}
