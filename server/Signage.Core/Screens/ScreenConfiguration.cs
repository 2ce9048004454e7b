using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Signage.Core.Screens;

sealed class ScreenGroupConfiguration : IEntityTypeConfiguration<ScreenGroup>
{
    public void Configure(EntityTypeBuilder<ScreenGroup> builder)
    {
        builder.Property(g => g.Name).HasMaxLength(ScreenGroup.MaxNameLength);
        builder.HasIndex(g => g.Name).IsUnique();
    }
}

sealed class ScreenConfiguration : IEntityTypeConfiguration<Screen>
{
    public void Configure(EntityTypeBuilder<Screen> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(Screen.MaxNameLength);
        builder.Property(s => s.TokenHash).HasMaxLength(64);
        builder.HasIndex(s => s.TokenHash).IsUnique();
        builder.Property(s => s.Audience).HasConversion<string>().HasMaxLength(10);
        builder.Property(s => s.GroupIds).HasDefaultValueSql("'{}'::uuid[]");
        builder.HasIndex(s => s.GroupIds).HasMethod("gin");
        builder.HasOne(s => s.Site).WithMany().HasForeignKey(s => s.SiteId).OnDelete(DeleteBehavior.Restrict);
    }
}
