namespace HealthLinks.Web;

/// <summary>
/// What a real installation must configure before it starts (outside Development and the tests): each missing setting
/// is named with what to put there, and the host does not start half configured.
/// </summary>
public static class ProductionSettings
{
    public static IReadOnlyList<string> Missing(IConfiguration configuration)
    {
        var missing = new List<string>();
        if (string.IsNullOrEmpty(configuration["Audit:Key"]) && string.IsNullOrEmpty(configuration["Audit:KeyFile"]))
        {
            missing.Add("Audit:Key (32 random bytes in base64, e.g. from 'openssl rand -base64 32') or Audit:KeyFile (a file holding it): it seals the audit trail");
        }

        if (string.IsNullOrEmpty(configuration["Email:Smtp:Host"]))
        {
            missing.Add("Email:Smtp:Host (and Email:Smtp:Port, User, Password, Email:From): invitations, password links and notices go by email");
        }

        if (string.IsNullOrEmpty(configuration["App:BaseUrl"]))
        {
            missing.Add("App:BaseUrl (e.g. https://healthlinks.example.ca): the address put in emailed links");
        }

        return missing;
    }

    public static void Require(IConfiguration configuration, IHostEnvironment environment)
    {
        if (environment.IsDevelopment() || environment.IsEnvironment("Testing"))
        {
            return;
        }

        if (Missing(configuration) is { Count: > 0 } missing)
        {
            throw new InvalidOperationException($"HealthLinks cannot start in {environment.EnvironmentName} without these settings (environment variables use __ for ':'):\n- {string.Join("\n- ", missing)}");
        }
    }
}
