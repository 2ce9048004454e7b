using Microsoft.AspNetCore.Identity;
using Signage.Core.Accounts;

namespace Signage.Server.Accounts;

/// <summary>Whether Administrators must sign in with a second factor (Signage:Accounts:AdministratorMfa).</summary>
public enum AdministratorMfa
{
    /// <summary>An Administrator without MFA is sent to enrolment before anything else (ANSSI, CNIL).</summary>
    Required,

    /// <summary>For test systems, and later for deployments whose identity provider enforces MFA itself.</summary>
    Optional,
}

public static class AdministratorMfaMiddleware
{
    public const string EnrolmentPage = "/compte/mfa";

    /// <summary>Identity marks a sign-in completed with a second factor with this claim.</summary>
    public const string MethodClaim = "amr";

    public static IApplicationBuilder UseAdministratorMfa(this IApplicationBuilder app, AdministratorMfa mode) =>
        mode == AdministratorMfa.Optional ? app : app.Use(async (context, next) =>
        {
            var user = context.User;
            if (!user.IsInRole(Roles.Administrator)
                || user.HasClaim(MethodClaim, "mfa") || Exempt(context.Request.Path))
            {
                await next(context);
                return;
            }

            if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
            {
                var problem = TypedResults.Problem(
                    "Les administrateurs se connectent avec un second facteur : activez-le sur la page « Sécurité du compte ».",
                    statusCode: StatusCodes.Status403Forbidden,
                    extensions: new Dictionary<string, object?> { ["code"] = "mfa-required" });
                await problem.ExecuteAsync(context);
                return;
            }

            context.Response.Redirect(EnrolmentPage);
        });

    /// <summary>Carries the sign-in's method claims (a second factor) over to the principal Identity rebuilds.</summary>
    public static Task KeepSignInMethod(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity renewed && context.CurrentPrincipal is { } current)
        {
            foreach (var method in current.FindAll(MethodClaim).Where(c => !renewed.HasClaim(MethodClaim, c.Value)))
            {
                renewed.AddClaim(new System.Security.Claims.Claim(MethodClaim, method.Value));
            }
        }

        return Task.CompletedTask;
    }

    static bool Exempt(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(EnrolmentPage) || path.StartsWithSegments("/account/signout")
        || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content") || path.StartsWithSegments("/erreur");
}
