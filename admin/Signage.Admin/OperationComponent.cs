using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Writes;

namespace Signage.Admin;

/// <summary>
/// A Blazor Server circuit lives for minutes and its events can overlap; a DbContext must not be
/// shared across them, so each operation gets its own DI scope (and so its own SignageDb), acting
/// as the signed-in person.
/// </summary>
public abstract class OperationComponent : ComponentBase
{
    [Inject]
    IServiceScopeFactory ScopeFactory { get; set; } = default!;

    [CascadingParameter]
    protected Task<AuthenticationState>? AuthenticationState { get; set; }

    protected async Task<T> RunAsync<TService, T>(Func<TService, Task<T>> operation)
        where TService : notnull
    {
        await using var scope = ScopeFactory.CreateAsyncScope();
        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(user);
        return await operation(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
