using System.Security.Cryptography;

namespace HealthLinks.Domain.Privacy;

/// <summary>The secret that seals the audit chain; its Id is a fingerprint that names the key without revealing it.</summary>
public sealed class AuditKey
{
    public AuditKey(byte[] secret)
    {
        if (secret.Length < 32)
        {
            throw new ArgumentException("An audit key has at least 32 bytes.", nameof(secret));
        }

        Secret = secret;
        Id = Convert.ToHexStringLower(SHA256.HashData(secret))[..16];
    }

    public byte[] Secret { get; }

    public string Id { get; }

    public static AuditKey New() => new(RandomNumberGenerator.GetBytes(32));
}
