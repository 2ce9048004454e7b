using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Signage.Core.Media;

sealed class MediaItemConfiguration : IEntityTypeConfiguration<MediaItem>
{
    public void Configure(EntityTypeBuilder<MediaItem> builder)
    {
        builder.Property(m => m.Name).HasMaxLength(MediaItem.MaxNameLength);
        builder.Property(m => m.Sha256).HasMaxLength(64);
        builder.HasIndex(m => m.Sha256).IsUnique();
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.MediaType).HasMaxLength(100);
        builder.Property(m => m.UploadedBy).HasMaxLength(256);
    }
}

sealed class MediaVariantConfiguration : IEntityTypeConfiguration<MediaVariant>
{
    public void Configure(EntityTypeBuilder<MediaVariant> builder)
    {
        builder.HasKey(v => new { v.MediaItemId, v.Width, v.Height });
        builder.Property(v => v.AssetSha256).HasMaxLength(64);
        builder.HasOne<MediaItem>().WithMany().HasForeignKey(v => v.MediaItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class AssetConfiguration : IEntityTypeConfiguration<Asset>
{
    public void Configure(EntityTypeBuilder<Asset> builder)
    {
        builder.HasKey(a => a.Sha256);
        builder.Property(a => a.Sha256).HasMaxLength(64);
        builder.Property(a => a.MediaType).HasMaxLength(100);
    }
}
