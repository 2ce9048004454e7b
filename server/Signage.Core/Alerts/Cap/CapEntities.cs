using Signage.Core.Scheduling;

namespace Signage.Core.Alerts.Cap;

/// <summary>
/// A system allowed to send CAP 1.2 messages (a prefecture's feed, a building's safety panel): it
/// authenticates with its key (only the hash is kept) and signs every message with its RSA key.
/// </summary>
public class CapSource
{
    public const int MaxNameLength = Names.MaxLength;
    public const int MaxPublicKeyLength = 4000;

    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary>SHA-256 of the source's key, in lowercase hexadecimal.</summary>
    public required string KeyHash { get; set; }

    /// <summary>The RSA public key (PEM, SubjectPublicKeyInfo) its XML signatures are checked with.</summary>
    public required string PublicKeyPem { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>How a source's messages become alerts: an event (CAP <c>event</c> or an <c>eventCode</c> value) to a template and targets.</summary>
public class CapRule
{
    public const int MaxEventLength = 200;

    public Guid Id { get; set; }
    public Guid SourceId { get; set; }

    /// <summary>Matched, ignoring case, against the message's <c>info/event</c> and its <c>eventCode</c> values.</summary>
    public required string Event { get; set; }

    /// <summary>An alert template key; null to show the message's own headline and description.</summary>
    public string? Template { get; set; }
    public List<Target> Targets { get; set; } = [];

    /// <summary>How long the alert lasts; null to last until the message's <c>expires</c> (or the default).</summary>
    public int? Minutes { get; set; }
}

/// <summary>A CAP message accepted once: a second message with the same sender and identifier is a duplicate.</summary>
public class CapMessage
{
    public const int MaxFieldLength = 500;

    public Guid SourceId { get; set; }
    public required string Sender { get; set; }
    public required string Identifier { get; set; }
    public required string MsgType { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The alert it raised, or the alert it ended for a Cancel.</summary>
    public Guid? AlertId { get; set; }
}
