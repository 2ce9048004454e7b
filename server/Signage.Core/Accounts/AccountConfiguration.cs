using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Signage.Core.Sites;

namespace Signage.Core.Accounts;

sealed class StaffUserSiteConfiguration : IEntityTypeConfiguration<StaffUserSite>
{
    public void Configure(EntityTypeBuilder<StaffUserSite> builder)
    {
        builder.HasKey(s => new { s.UserId, s.SiteId });
        builder.HasOne<StaffUser>().WithMany(u => u.Sites).HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Site>().WithMany().HasForeignKey(s => s.SiteId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class StaffSessionConfiguration : IEntityTypeConfiguration<StaffSession>
{
    public void Configure(EntityTypeBuilder<StaffSession> builder)
    {
        builder.Property(s => s.Id).HasMaxLength(64);
        builder.Property(s => s.Address).HasMaxLength(StaffSession.MaxAddressLength);
        builder.Property(s => s.UserAgent).HasMaxLength(StaffSession.MaxUserAgentLength);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.UserId);
    }
}
