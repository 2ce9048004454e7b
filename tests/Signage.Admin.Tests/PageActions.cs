using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Signage.Admin.Tests;

/// <summary>
/// What a user does on a page, awaited until the page has handled it. Each action finds its element and
/// fires the event on the renderer's dispatcher, as Blazor does: a render cannot run between the two, so the
/// element's event handler id is always the current one (found outside it, a render finishing on the
/// renderer's thread could retire that id first).
/// </summary>
internal static class PageActions
{
    public static Task SetAsync<T>(this IRenderedComponent<T> page, string selector, object? value, int index = 0)
        where T : IComponent =>
        page.InvokeAsync(() => page.FindAll(selector)[index].ChangeAsync(new ChangeEventArgs { Value = value }));

    public static Task ClickAsync<T>(this IRenderedComponent<T> page, string selector)
        where T : IComponent =>
        page.InvokeAsync(() => page.Find(selector).ClickAsync(new MouseEventArgs()));

    public static Task SubmitFormAsync<T>(this IRenderedComponent<T> page, int index = 0)
        where T : IComponent =>
        page.InvokeAsync(() => page.FindAll("form")[index].SubmitAsync(EventArgs.Empty));
}
