using System.Threading.RateLimiting;

using Microsoft.Extensions.Configuration;

namespace HealthLinks.Infrastructure.Abuse;

/// <summary>
/// Limits per network address, kept in this node's memory (.NET's rate limiters): failed sign-ins, so one address
/// cannot lock out account after account, and public referrals, so a script cannot bury real ones.
/// </summary>
public sealed class Throttles : IDisposable
{
    public Throttles(IConfiguration configuration)
    {
        SignInFailures = PerAddress(configuration.GetValue("Abuse:SignInFailuresPerAddress", 10), TimeSpan.FromMinutes(15));
        Referrals = PerAddress(configuration.GetValue("Abuse:ReferralsPerAddress", 5), TimeSpan.FromMinutes(10));
    }

    /// <summary>Failed sign-ins from one address in 15 minutes; when spent, that address may not try again until the window ends.</summary>
    public PartitionedRateLimiter<string> SignInFailures { get; }

    /// <summary>Public referrals from one address in 10 minutes.</summary>
    public PartitionedRateLimiter<string> Referrals { get; }

    /// <summary>Whether this address has no attempts left (asking does not spend one).</summary>
    public static bool Spent(PartitionedRateLimiter<string> limiter, string address) => limiter.GetStatistics(address)?.CurrentAvailablePermits == 0;

    /// <summary>Spends one attempt; false when none was left.</summary>
    public static bool Spend(PartitionedRateLimiter<string> limiter, string address)
    {
        using var lease = limiter.AttemptAcquire(address);
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        SignInFailures.Dispose();
        Referrals.Dispose();
    }

    private static PartitionedRateLimiter<string> PerAddress(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = window,
            QueueLimit = 0,
        }));
}
