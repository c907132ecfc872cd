using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Features.Accounts;

public static class AccountsSetup
{
    public static IServiceCollection AddAccounts(this IServiceCollection services) => services
        .AddTransient<CreateAccount.Handler>()
        .AddTransient<FindReader.Handler>()
        .AddTransient<ChangeAccount.Handler>()
        .AddTransient<AccountList.Handler>()
        .AddTransient<ChoosePassword.Handler>()
        .AddTransient<SetUpHealthLink.Handler>()
        .AddTransient<TwoFactorRule.Handler>()
        .AddTransient<PasswordLinkEmail>();
}
