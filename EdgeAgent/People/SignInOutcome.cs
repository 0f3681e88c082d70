namespace EdgeAgent.People;

/// <summary>How a sign-in ended: signed in (with the session), refused, or throttled (with how long to wait).</summary>
public sealed record SignInOutcome(SignInStatus Status, SessionBook.Entry? Session = null, TimeSpan? RetryAfter = null);

/// <summary>The kinds of <see cref="SignInOutcome"/>.</summary>
public enum SignInStatus
{
    SignedIn = 0,
    BadCredentials = 1,
    TooManyAttempts = 2,
}
