using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Signage.Admin.Tests;

/// <summary>
/// What a user does on a page, awaited until the page has rendered the result. bunit reads an element's
/// event handler id from the last DOM it saw; a render still finishing on the renderer's thread (a slow
/// CI machine makes this likely) retires that id, so each action finds its element again and is retried
/// when that happened.
/// </summary>
internal static class PageActions
{
    public static Task SetAsync<T>(this IRenderedComponent<T> page, string selector, object? value, int index = 0)
        where T : IComponent =>
        RetryAsync(() => page.FindAll(selector)[index].ChangeAsync(new ChangeEventArgs { Value = value }));

    public static Task ClickAsync<T>(this IRenderedComponent<T> page, string selector)
        where T : IComponent =>
        RetryAsync(() => page.Find(selector).ClickAsync(new MouseEventArgs()));

    public static Task SubmitFormAsync<T>(this IRenderedComponent<T> page, int index = 0)
        where T : IComponent =>
        RetryAsync(() => page.FindAll("form")[index].SubmitAsync(EventArgs.Empty));

    static async Task RetryAsync(Func<Task> action)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await action();
                return;
            }
            catch (UnknownEventHandlerIdException) when (attempt < 5)
            {
                await Task.Delay(50 * attempt);
            }
        }
    }
}
