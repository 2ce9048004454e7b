using Hangfire.Dashboard;
using Signage.Core.Accounts;

namespace Signage.Server.Jobs;

/// <summary>The Hangfire dashboard shows job arguments and errors: Administrators only.</summary>
public sealed class AdministratorDashboardFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Administrator);
}
