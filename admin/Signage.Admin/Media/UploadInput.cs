using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace Signage.Admin.Media;

/// <summary>
/// An <see cref="InputFile"/> that tells when the browser listens to it. Until its script is attached a file chosen
/// in it never reaches the server and nothing happens on screen, so the page keeps it disabled until then.
/// </summary>
public sealed class UploadInput : InputFile
{
    [Parameter]
    public EventCallback OnReady { get; set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // The base attaches the script on the first render and returns once the browser has run it.
        await base.OnAfterRenderAsync(firstRender);
        if (firstRender)
        {
            await OnReady.InvokeAsync();
        }
    }
}
