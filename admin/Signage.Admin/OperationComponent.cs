using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Signage.Admin;

/// <summary>
/// A Blazor Server circuit lives for minutes and its events can overlap; a DbContext must not be
/// shared across them, so each operation gets its own DI scope (and so its own SignageDb).
/// </summary>
public abstract class OperationComponent : ComponentBase
{
    [Inject]
    IServiceScopeFactory ScopeFactory { get; set; } = default!;

    protected async Task<T> RunAsync<TService, T>(Func<TService, Task<T>> operation)
        where TService : notnull
    {
        await using var scope = ScopeFactory.CreateAsyncScope();
        return await operation(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
