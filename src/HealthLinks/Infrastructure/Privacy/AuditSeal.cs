using System.Globalization;
using System.Security.Cryptography;
using System.Text;

using HealthLinks.Data;
using HealthLinks.Domain.Privacy;

using Microsoft.Extensions.Configuration;

namespace HealthLinks.Infrastructure.Privacy;

/// <summary>
/// What keeps the audit chain honest from outside the database: the key that seals each event (Audit:Key, base64, or
/// Audit:KeyFile, by default data/audit.key beside the embedded database), and a file of the chain's recorded heads, so
/// that cutting the newest events off is noticed. The web host and the command line read the same key.
/// </summary>
public sealed class AuditSeal(IConfiguration configuration)
{
    private readonly Lock _lock = new();
    private AuditKey? _key;

    public sealed record Head(DateTime At, long Sequence, string Hash, bool Verified);

    public string KeyFile => DatabaseSetup.AnchorPath(configuration["Audit:KeyFile"] ?? "data/audit.key");

    /// <summary>Per database, so two databases on one machine keep their own heads.</summary>
    public string HeadFile => DatabaseSetup.AnchorPath(configuration["Audit:HeadFile"]
        ?? $"data/audit-heads/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(DatabaseSetup.Read(configuration).ConnectionString)))[..16]}.log");

    /// <summary>The key, or null when none is configured and no key file exists (audit verify says so).</summary>
    public AuditKey? ExistingKey()
    {
        if (configuration["Audit:Key"] is { Length: > 0 } configured)
        {
            return new AuditKey(Convert.FromBase64String(configured));
        }

        return File.Exists(KeyFile) ? new AuditKey(Convert.FromBase64String(File.ReadAllText(KeyFile).Trim())) : null;
    }

    /// <summary>The key to seal new events with; on a first start, a new key file only its owner can read.</summary>
    public AuditKey Key()
    {
        lock (_lock)
        {
            if (_key is not null)
            {
                return _key;
            }

            if (ExistingKey() is not { } key)
            {
                key = AuditKey.New();
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                try
                {
                    using var writer = new StreamWriter(KeyFile, Encoding.ASCII, options);
                    writer.Write(Convert.ToBase64String(key.Secret));
                }
                catch (IOException) when (File.Exists(KeyFile))
                {
                    key = ExistingKey()!; // another process made it first
                }
            }

            return _key = key;
        }
    }

    /// <summary>Appends the chain's head, with a MAC under the key so a line cannot be forged.</summary>
    public void Record(AuditKey key, long sequence, string hash, bool verified, DateTime at)
    {
        var line = $"{at.ToString("O", CultureInfo.InvariantCulture)} {sequence.ToString(CultureInfo.InvariantCulture)} {hash} {(verified ? "verified" : "recorded")}";
        File.AppendAllText(HeadFile, $"{line} {Mac(key, line)}\n");
    }

    /// <summary>The last head recorded whose MAC holds under this key; null when none was.</summary>
    public Head? LastHead(AuditKey key, bool verifiedOnly = false)
    {
        if (!File.Exists(HeadFile))
        {
            return null;
        }

        foreach (var line in File.ReadLines(HeadFile).Reverse())
        {
            var cut = line.LastIndexOf(' ');
            var parts = line.Split(' ');
            if (cut <= 0 || parts.Length != 5 || Mac(key, line[..cut]) != line[(cut + 1)..] || (verifiedOnly && parts[3] != "verified"))
            {
                continue;
            }

            return new(DateTime.Parse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind), long.Parse(parts[1], CultureInfo.InvariantCulture), parts[2], parts[3] == "verified");
        }

        return null;
    }

    private static string Mac(AuditKey key, string line) => Convert.ToHexStringLower(HMACSHA256.HashData(key.Secret, Encoding.UTF8.GetBytes("head:" + line)));
}
