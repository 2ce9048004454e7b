using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Signage.Admin.Accounts;

namespace Signage.Admin;

public static class AdminServices
{
    public static IServiceCollection AddSignageAdmin(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();
        services.AddOptions<SignInLimits>().BindConfiguration("Signage:SignIn")
            .Validate(l => l.FreeFailures >= 1 && l.FirstWait > TimeSpan.Zero && l.MaxWait >= l.FirstWait && l.PerAddressPerMinute >= 1 && l.PerAccountPerMinute >= 1,
                "Signage:SignIn: FreeFailures, PerAddressPerMinute and PerAccountPerMinute must be at least 1, FirstWait positive and MaxWait at least FirstWait.")
            .ValidateOnStart();
        services.AddSingleton<SignInAttempts>();
        return services;
    }

    public static WebApplication MapSignageAdmin(this WebApplication app)
    {
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
