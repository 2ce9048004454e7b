using Microsoft.AspNetCore.Identity;

namespace Signage.Core.Accounts;

public class StaffUser : IdentityUser
{
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
