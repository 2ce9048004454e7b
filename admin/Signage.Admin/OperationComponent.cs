using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Writes;

namespace Signage.Admin;

/// <summary>
/// A Blazor Server circuit lives for minutes and its events can overlap; a DbContext must not be
/// shared across them, so each operation gets its own DI scope (and so its own SignageDb), acting
/// as the signed-in person. A circuit whose session has ended (<see cref="Accounts.SessionRevalidation"/>)
/// goes to the sign-in page and runs nothing more.
/// </summary>
public abstract class OperationComponent : ComponentBase
{
    [Inject]
    IServiceScopeFactory ScopeFactory { get; set; } = default!;

    [Inject]
    NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    protected Task<AuthenticationState>? AuthenticationState { get; set; }

    public override async Task SetParametersAsync(ParameterView parameters)
    {
        await base.SetParametersAsync(parameters);
        if (AuthenticationState is not null && (await AuthenticationState).User.Identity?.IsAuthenticated != true)
        {
            SignInAgain();
        }
    }

    protected async Task<T> RunAsync<TService, T>(Func<TService, Task<T>> operation)
        where TService : notnull
    {
        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        if (user is not null && user.Identity?.IsAuthenticated != true)
        {
            // Signed out since the page opened: nothing runs, and ComponentBase ignores a cancelled handler.
            SignInAgain();
            throw new OperationCanceledException("The session has ended.");
        }

        await using var scope = ScopeFactory.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(user);
        return await operation(scope.ServiceProvider.GetRequiredService<TService>());
    }

    void SignInAgain() =>
        Navigation.NavigateTo($"signin?returnUrl={Uri.EscapeDataString("/" + Navigation.ToBaseRelativePath(Navigation.Uri))}", forceLoad: true);
}
