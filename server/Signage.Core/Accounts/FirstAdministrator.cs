using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Signage.Core.Data;

namespace Signage.Core.Accounts;

public sealed class FirstAdministratorOptions
{
    public string? Email { get; set; }
    public string? Password { get; set; }
}

/// <summary>Creates the roles and, on an empty user table, the first Administrator from configuration.</summary>
public sealed class FirstAdministrator(
    SignageDb db,
    UserManager<StaffUser> users,
    RoleManager<IdentityRole> roles,
    ILogger<FirstAdministrator> logger)
{
    public async Task EnsureAsync(FirstAdministratorOptions options)
    {
        // Two processes starting on an empty database (server and CLI, or two nodes) must not
        // both create the roles and the first account: the loser would crash on a unique key.
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})");
        await EnsureLockedAsync(options);
        await tx.CommitAsync();
    }

    const long LockKey = 0x5167_6e61_6765_0001;

    async Task EnsureLockedAsync(FirstAdministratorOptions options)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }

        if (users.Users.Any())
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(options.Email) || string.IsNullOrWhiteSpace(options.Password))
        {
            logger.LogWarning("No staff account exists and Signage:Admin:Email / Signage:Admin:Password are not set: nobody can sign in.");
            return;
        }

        var admin = new StaffUser { UserName = options.Email, Email = options.Email, EmailConfirmed = true };
        Check(await users.CreateAsync(admin, options.Password));
        Check(await users.AddToRoleAsync(admin, Roles.Administrator));
        logger.LogInformation("Created the first Administrator {Email}.", options.Email);
    }

    static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Identity refused the first administrator: " +
                string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
