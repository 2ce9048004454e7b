using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Signage.Core.Data;

namespace Signage.Core.Sites;

sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(Site.MaxNameLength);
        builder.HasIndex(s => s.Name).IsUnique();
        builder.Property(s => s.TimeZone).HasMaxLength(Site.MaxTimeZoneLength);
        builder.Property(s => s.Holidays).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.OpeningHours).IsJsonList();
        builder.HasMany(s => s.Closures).WithOne().HasForeignKey(c => c.SiteId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class SiteClosureConfiguration : IEntityTypeConfiguration<SiteClosure>
{
    public void Configure(EntityTypeBuilder<SiteClosure> builder)
    {
        builder.HasKey(c => new { c.SiteId, c.Date });
        builder.Property(c => c.Reason).HasMaxLength(SiteClosure.MaxReasonLength);
    }
}
