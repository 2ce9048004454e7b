namespace Signage.Core.Screens;

/// <summary>Signage:Pairing — how long a code lives and how many tries are allowed.</summary>
public sealed class PairingOptions
{
    /// <summary>How long a code may be claimed after the player asked for it.</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Codes claimed in vain (unknown, expired, used) per person and per address within <see cref="FailureWindow"/> before further claims are refused.</summary>
    public int MaxFailedClaims { get; set; } = 10;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Codes open at once (neither claimed nor expired) per address: a player asks for one at a time.</summary>
    public int MaxOpenCodesPerAddress { get; set; } = 20;
}
