using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Signage.Core.Content;

sealed class AnnouncementConfiguration : IEntityTypeConfiguration<Announcement>
{
    public void Configure(EntityTypeBuilder<Announcement> builder)
    {
        builder.Property(a => a.Title).HasMaxLength(Announcement.MaxTitleLength);
        builder.Property(a => a.Body).HasMaxLength(Announcement.MaxBodyLength);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.AssetSha256).HasMaxLength(64);
        builder.Property(a => a.CreatedBy).HasMaxLength(256);
        builder.Property(a => a.Audience).HasConversion<string>().HasMaxLength(10);
        builder.Property(a => a.Category).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Template).HasMaxLength(40);
        builder.Property(a => a.ImageSha256).HasMaxLength(64);
        builder.Property(a => a.Link).HasMaxLength(Announcement.MaxLinkLength);
        builder.Property(a => a.ReviewComment).HasMaxLength(Announcement.MaxReviewCommentLength);
        builder.Property(a => a.ReviewedBy).HasMaxLength(256);
    }
}

sealed class AnnouncementRenditionConfiguration : IEntityTypeConfiguration<AnnouncementRendition>
{
    public void Configure(EntityTypeBuilder<AnnouncementRendition> builder)
    {
        builder.HasKey(r => new { r.AnnouncementId, r.Width, r.Height });
        builder.Property(r => r.RenderKey).HasMaxLength(64);
        builder.Property(r => r.AssetSha256).HasMaxLength(64);
        builder.HasIndex(r => r.RenderKey);
        builder.HasOne<Announcement>().WithMany().HasForeignKey(r => r.AnnouncementId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class OrganisationThemeConfiguration : IEntityTypeConfiguration<OrganisationTheme>
{
    public void Configure(EntityTypeBuilder<OrganisationTheme> builder)
    {
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Primary).HasMaxLength(7);
        builder.Property(t => t.Accent).HasMaxLength(7);
        builder.Property(t => t.LogoSha256).HasMaxLength(64);
    }
}

sealed class PrerenderedSlideConfiguration : IEntityTypeConfiguration<PrerenderedSlide>
{
    public void Configure(EntityTypeBuilder<PrerenderedSlide> builder)
    {
        builder.HasKey(p => p.RenderKey);
        builder.Property(p => p.RenderKey).HasMaxLength(PrerenderedSlide.KeyLength);
        builder.Property(p => p.AssetSha256).HasMaxLength(64);
    }
}
