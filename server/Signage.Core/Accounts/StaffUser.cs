using Microsoft.AspNetCore.Identity;

namespace Signage.Core.Accounts;

public class StaffUser : IdentityUser
{
    /// <summary>A disabled person cannot sign in and has no session; the account and its history remain.</summary>
    public bool Disabled { get; set; }

    /// <summary>
    /// The 30-second step of the last authenticator code accepted: a code of that step or an earlier one is refused,
    /// so a code seen over someone's shoulder cannot be used again (RFC 6238 §5.2).
    /// </summary>
    public long? LastTotpStep { get; set; }

    /// <summary>The sites a Publisher or Editor may act on; none means every site.</summary>
    public List<StaffUserSite> Sites { get; set; } = [];
}

public class StaffUserSite
{
    public required string UserId { get; set; }
    public Guid SiteId { get; set; }
}

/// <summary>A signed-in browser: the cookie carries only <see cref="Id"/>, the ticket is here, so ending it here ends it everywhere.</summary>
public class StaffSession
{
    public const int MaxUserAgentLength = 512;
    public const int MaxAddressLength = 64;

    public required string Id { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public string? Address { get; set; }
    public string? UserAgent { get; set; }
    public required byte[] Ticket { get; set; }
}

public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Publisher = "Publisher";
    public const string Editor = "Editor";

    public static readonly string[] All = [Administrator, Publisher, Editor];

    /// <summary>Roles allowed to publish content.</summary>
    public const string CanPublish = Administrator + "," + Publisher;
}

public static class StaffClaims
{
    /// <summary>A site a scoped Publisher or Editor may act on (none: every site).</summary>
    public const string Site = "signage:staff-site";

    /// <summary>The server-side session the cookie stands for.</summary>
    public const string Session = "signage:session";
}
