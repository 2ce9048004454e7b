using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Signage.Contracts.Hub;

namespace Signage.Core.Screens;

/// <summary>A code a player without a token shows, until an Administrator claims it or it expires.</summary>
public class PairingCode
{
    public const int MaxConnectionIdLength = 128;
    public const int MaxAddressLength = 64;

    public required string Code { get; set; }

    /// <summary>The resolution the player reported: the paired screen takes it.</summary>
    public int Width { get; set; }
    public int Height { get; set; }

    /// <summary>The pairing hub connection that asked, the only one the token is sent to.</summary>
    public required string ConnectionId { get; set; }

    /// <summary>The address it asked from, to cap the open codes per address.</summary>
    public string? Address { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public Guid? ScreenId { get; set; }
}

sealed class PairingCodeConfiguration : IEntityTypeConfiguration<PairingCode>
{
    public void Configure(EntityTypeBuilder<PairingCode> builder)
    {
        builder.HasKey(p => p.Code);
        builder.Property(p => p.Code).HasMaxLength(PairingContract.Length);
        builder.Property(p => p.ConnectionId).HasMaxLength(PairingCode.MaxConnectionIdLength);
        builder.Property(p => p.Address).HasMaxLength(PairingCode.MaxAddressLength);
        builder.HasIndex(p => new { p.Address, p.ExpiresAt });
    }
}
