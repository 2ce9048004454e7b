using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Signage.Admin;

public static class AdminServices
{
    public static IServiceCollection AddSignageAdmin(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        return services;
    }

    public static WebApplication MapSignageAdmin(this WebApplication app)
    {
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
