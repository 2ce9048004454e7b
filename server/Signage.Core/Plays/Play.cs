using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Signage.Core.Plays;

/// <summary>
/// One item a screen's display showed (proof of play), keyed by the id the player made when it journalled it, so a
/// batch received twice is stored once. No foreign keys: the record outlives the screen and the announcement, until
/// the retention job purges it.
/// </summary>
public class Play
{
    public Guid Id { get; set; }
    public Guid ScreenId { get; set; }

    /// <summary>The screen's site when the play was received: a screen moved later keeps its past plays where they were.</summary>
    public Guid SiteId { get; set; }
    public Guid ItemId { get; set; }
    public Guid ContentId { get; set; }
    public long ManifestVersion { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset EndedAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}

sealed class PlayConfiguration : IEntityTypeConfiguration<Play>
{
    public void Configure(EntityTypeBuilder<Play> builder)
    {
        builder.ToTable("Plays");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasIndex(p => p.StartedAt);
        builder.HasIndex(p => new { p.SiteId, p.StartedAt });
    }
}
