using Signage.Contracts.Manifests;
using Signage.Core.Content;
using Signage.Core.Rendering;

namespace Signage.Admin.Content;

/// <summary>What the slide form holds while someone types: an announcement's fields as the page binds them.</summary>
public sealed class SlideFormModel
{
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public Category Category { get; set; } = Category.Information;
    public string Template { get; set; } = Templates.Banner;
    public string ImageSha { get; set; } = "";
    public string Link { get; set; } = "";
    public int Duration { get; set; } = 10;
    public Audience Audience { get; set; } = Audience.Public;

    public SlideFields Fields => new(Title, Body, Category, Template, ImageSha.Length == 0 ? null : ImageSha, Link.Length == 0 ? null : Link, Duration);

    public static SlideFormModel Of(Announcement a) => new()
    {
        Title = a.Title,
        Body = a.Body,
        Category = a.Category,
        Template = a.Template,
        ImageSha = a.ImageSha256 ?? "",
        Link = a.Link ?? "",
        Duration = a.DurationSeconds,
        Audience = a.Audience,
    };
}
