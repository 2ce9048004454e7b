namespace Signage.Core.Alerts;

/// <summary>A screen's display showed the alert: recorded once per screen, at the first confirmation.</summary>
public class AlertAcknowledgement
{
    public Guid AlertId { get; set; }
    public Guid ScreenId { get; set; }

    /// <summary>When the server received the display's confirmation.</summary>
    public DateTimeOffset ShownAt { get; set; }
}
