namespace HealthLinks.Infrastructure.Auth;

public enum SessionEnd
{
    SignedOut,
    Disabled,
    PasswordChanged,
    RolesChanged,
}

/// <summary>
/// One sign-in, kept on the server: the cookie names it, and it stops working the moment it ends here (sign-out,
/// disabled account, new password), whatever copy of the cookie is presented, and after <see cref="MaxLifetime"/>.
/// </summary>
public sealed class UserSession
{
    /// <summary>However active the person, they sign in again after this long.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(12);

    private UserSession()
    {
        UserId = "";
    }

    public UserSession(string userId, DateTime startedAt) => (UserId, StartedAt) = (userId, startedAt);

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public string UserId { get; private set; }

    public DateTime StartedAt { get; private set; }

    public DateTime? EndedAt { get; private set; }

    public SessionEnd? EndedBecause { get; private set; }

    public bool IsOpen(DateTime now) => EndedAt is null && now < StartedAt + MaxLifetime;

    public void End(SessionEnd why, DateTime now)
    {
        if (EndedAt is null)
        {
            (EndedAt, EndedBecause) = (now, why);
        }
    }
}
