using Signage.Core.Writes;

namespace Signage.Core.Content;

/// <summary>A slide whose wording is known in advance, to be drawn before anyone needs it.</summary>
public sealed record SlideAhead(string Title, string Body, string Template, Category Category);

/// <summary>A feature's slides to draw ahead of need (the alert templates).</summary>
public interface ISlidesAhead
{
    IEnumerable<SlideAhead> Slides { get; }
}

/// <summary>
/// Draws every slide of every <see cref="ISlidesAhead"/> at every size for the current theme and the
/// fleet's minimum text sizes; what was drawn before is kept. Queued at start-up and when the theme
/// changes, and hourly for a fleet that changed.
/// </summary>
public sealed class PrerenderJob(IEnumerable<ISlidesAhead> sources, SlideDrawing drawing, SlideInputs inputs, WriteUnit unit)
{
    public const string Id = "prerender-slides";

    /// <summary>Returns how many pictures it drew.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var minimums = await inputs.FleetMinimumsAsync(ct);
        return await unit.CommitAsync(async () =>
        {
            var drawn = 0;
            foreach (var slide in sources.SelectMany(s => s.Slides))
            {
                drawn += await drawing.PrerenderAsync(slide.Title, slide.Body, slide.Template, slide.Category, minimums, ct);
            }

            return drawn;
        }, ct);
    }
}
