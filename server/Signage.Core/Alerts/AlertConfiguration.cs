using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Signage.Core.Content;
using Signage.Core.Screens;

namespace Signage.Core.Alerts;

sealed class AlertAcknowledgementConfiguration : IEntityTypeConfiguration<AlertAcknowledgement>
{
    public void Configure(EntityTypeBuilder<AlertAcknowledgement> builder)
    {
        builder.ToTable("AlertAcknowledgements");
        builder.HasKey(a => new { a.AlertId, a.ScreenId });
        builder.HasOne<Announcement>().WithMany().HasForeignKey(a => a.AlertId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Screen>().WithMany().HasForeignKey(a => a.ScreenId).OnDelete(DeleteBehavior.Cascade);
    }
}
