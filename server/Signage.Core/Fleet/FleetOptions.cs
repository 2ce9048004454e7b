namespace Signage.Core.Fleet;

/// <summary>Signage:Fleet — when the console calls a screen offline or its clock wrong.</summary>
public sealed class FleetOptions
{
    /// <summary>A screen heard from neither by report nor by connection for this long is offline (players report every 30 s).</summary>
    public TimeSpan OfflineAfter { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>A player clock further than this from the server's is flagged: rotation is aligned on the wall clock.</summary>
    public TimeSpan ClockTolerance { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the server writes the reports it received, in one statement.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(5);
}
