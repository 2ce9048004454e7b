using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Signage.Core.Data;

namespace Signage.Core.Alerts.Cap;

sealed class CapSourceConfiguration : IEntityTypeConfiguration<CapSource>
{
    public void Configure(EntityTypeBuilder<CapSource> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(CapSource.MaxNameLength);
        builder.Property(s => s.KeyHash).HasMaxLength(64);
        builder.HasIndex(s => s.KeyHash).IsUnique();
        builder.Property(s => s.PublicKeyPem).HasMaxLength(CapSource.MaxPublicKeyLength);
    }
}

sealed class CapRuleConfiguration : IEntityTypeConfiguration<CapRule>
{
    public void Configure(EntityTypeBuilder<CapRule> builder)
    {
        builder.Property(r => r.Event).HasMaxLength(CapRule.MaxEventLength);
        builder.Property(r => r.Template).HasMaxLength(50);
        builder.Property(r => r.Targets).IsJsonList();
        builder.HasOne<CapSource>().WithMany().HasForeignKey(r => r.SourceId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class CapMessageConfiguration : IEntityTypeConfiguration<CapMessage>
{
    public void Configure(EntityTypeBuilder<CapMessage> builder)
    {
        builder.HasKey(m => new { m.Sender, m.Identifier });
        builder.Property(m => m.Sender).HasMaxLength(CapMessage.MaxFieldLength);
        builder.Property(m => m.Identifier).HasMaxLength(CapMessage.MaxFieldLength);
        builder.Property(m => m.MsgType).HasMaxLength(20);
        builder.HasOne<CapSource>().WithMany().HasForeignKey(m => m.SourceId).OnDelete(DeleteBehavior.Cascade);
    }
}
