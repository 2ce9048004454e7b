using System.Security.Claims;
using Signage.Core.Accounts;

namespace Signage.Core.Writes;

/// <summary>
/// The person (or process) on whose behalf this DI scope changes state. The host fills it when the
/// scope begins: from the signed-in user of an HTTP request or of a console operation, "cli" for the
/// command line; jobs and anything else act as the system. Services never take an actor parameter.
/// </summary>
public sealed class CurrentActor
{
    public const string System = "système";

    public string Name { get; private set; } = System;

    /// <summary>The sites this actor may act on; null for every site (Administrators, unscoped staff, the system, the CLI).</summary>
    public IReadOnlySet<Guid>? Sites { get; private set; }

    public void Set(string? name)
    {
        Name = string.IsNullOrWhiteSpace(name) ? System : name;
        Sites = null;
    }

    /// <summary>A signed-in person: the name, and the sites a scoped Publisher or Editor is limited to.</summary>
    public void Set(ClaimsPrincipal? user)
    {
        Set(user?.Identity?.IsAuthenticated == true ? user.Identity.Name : null);
        if (user is null || user.IsInRole(Roles.Administrator))
        {
            return;
        }

        var sites = user.FindAll(StaffClaims.Site).Select(c => Guid.Parse(c.Value)).ToHashSet();
        Sites = sites.Count > 0 ? sites : null;
    }
}
