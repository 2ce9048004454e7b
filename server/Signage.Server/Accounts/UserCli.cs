using Signage.Core;
using Signage.Core.Accounts;
using Signage.Core.Writes;

namespace Signage.Server.Accounts;

/// <summary>
/// `Signage.Server users list | add --email E --role R [--password P] | set-password --email E [--password P] | disable --email E`:
/// the first steps on a server before the console is reachable. Without --password, `add` prints the one-time set-password
/// address and `set-password` reads the password from the first line of standard input (kept out of the shell history).
/// </summary>
public static class UserCli
{
    public static bool Handles(string[] args) => args.Length > 0 && args[0] == "users";

    const string Usage = "usage: users list | users add --email EMAIL --role Administrator|Publisher|Editor [--password PASSWORD]"
        + " | users set-password --email EMAIL [--password PASSWORD] | users disable --email EMAIL";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Set("cli");
        var users = scope.ServiceProvider.GetRequiredService<UserService>();
        var options = CliOptions.Parse(args.Skip(2));
        try
        {
            switch (args.ElementAtOrDefault(1))
            {
                case "list":
                    foreach (var user in await users.ListAsync())
                    {
                        var sites = user.SiteNames.Count > 0 ? string.Join("|", user.SiteNames) : "*";
                        await output.WriteLineAsync($"{user.Email}\t{string.Join(",", user.Roles)}\t{sites}\t{(user.Disabled ? "disabled" : "active")}");
                    }

                    return 0;
                case "add" when options.TryGetValue("email", out var email) && options.TryGetValue("role", out var role):
                    var created = await users.CreateAsync(new NewUser(email, role, Password: options.GetValueOrDefault("password")));
                    await output.WriteLineAsync($"user-id={created.User.Id}");
                    if (created.SetPasswordToken is { } token)
                    {
                        await output.WriteLineAsync($"set-password={SetPasswordLink.For(created.User.Id, token)}");
                    }

                    return 0;
                case "set-password" when options.TryGetValue("email", out var email):
                    var password = options.GetValueOrDefault("password") ?? await input.ReadLineAsync() ?? "";
                    await users.SetPasswordAsync(await IdAsync(users, email), password);
                    await output.WriteLineAsync("password set");
                    return 0;
                case "disable" when options.TryGetValue("email", out var email):
                    await users.SetDisabledAsync(await IdAsync(users, email), true);
                    await output.WriteLineAsync("disabled");
                    return 0;
                default:
                    await output.WriteLineAsync(Usage);
                    return 2;
            }
        }
        catch (RefusalException e)
        {
            await output.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }

    static async Task<string> IdAsync(UserService users, string email) =>
        (await users.FindByEmailAsync(email))?.Id ?? throw new NotFoundException($"Aucun compte pour {email}.");
}
