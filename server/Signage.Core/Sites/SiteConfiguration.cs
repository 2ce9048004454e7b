using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Signage.Contracts.Manifests;

namespace Signage.Core.Sites;

sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(Site.MaxNameLength);
        builder.HasIndex(s => s.Name).IsUnique();
        builder.Property(s => s.TimeZone).HasMaxLength(Site.MaxTimeZoneLength);
        builder.Property(s => s.Holidays).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.OpeningHours).HasColumnType("jsonb").HasConversion(
            v => JsonSerializer.Serialize(v, ManifestCanonical.Options),
            v => JsonSerializer.Deserialize<List<OpeningHours>>(v, ManifestCanonical.Options) ?? new List<OpeningHours>(),
            new ValueComparer<List<OpeningHours>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, o) => HashCode.Combine(h, o)), v => v.ToList()));
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
