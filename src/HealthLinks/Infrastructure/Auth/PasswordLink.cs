using System.Security.Cryptography;
using System.Text;

namespace HealthLinks.Infrastructure.Auth;

/// <summary>
/// A one-time link to choose a password: for a new account (an invitation) or a forgotten one. Only a hash of its token
/// is stored, so the table cannot be used to sign in; it works once, until it expires.
/// </summary>
public sealed class PasswordLink
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private PasswordLink()
    {
        UserId = TokenHash = "";
    }

    private PasswordLink(string userId, string tokenHash, DateTime createdAt) =>
        (UserId, TokenHash, CreatedAt, ExpiresAt) = (userId, tokenHash, createdAt, createdAt + Lifetime);

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public string UserId { get; private set; }

    public string TokenHash { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime ExpiresAt { get; private set; }

    public DateTime? UsedAt { get; private set; }

    /// <summary>A new link and the token to put in it (shown once, never stored).</summary>
    public static (PasswordLink Link, string Token) Issue(string userId, DateTime now)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new PasswordLink(userId, Hash(token), now), token);
    }

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public bool IsUsable(DateTime now) => UsedAt is null && now < ExpiresAt;

    public void Use(DateTime now) => UsedAt = now;
}
