using Signage.Core;
using Signage.Core.Screens;
using Signage.Core.Writes;

namespace Signage.Server.Screens;

/// <summary>
/// `Signage.Server screens create --name NAME --group GROUP` and `screens revoke --id ID`:
/// provisioning until pairing by code exists. The token is printed once and stored only hashed.
/// </summary>
public static class ScreenCli
{
    public static bool Handles(string[] args) => args.Length > 0 && args[0] == "screens";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Set("cli");
        var screens = scope.ServiceProvider.GetRequiredService<ScreenService>();
        var options = CliOptions.Parse(args.Skip(2));
        try
        {
            switch (args.ElementAtOrDefault(1))
            {
                case "create" when options.TryGetValue("name", out var name) && options.TryGetValue("group", out var groupName):
                    var group = await screens.CreateGroupAsync(groupName);
                    var created = await screens.CreateScreenAsync(name, group.Id);
                    await output.WriteLineAsync($"screen-id={created.Screen.Id}");
                    await output.WriteLineAsync($"group-id={group.Id}");
                    await output.WriteLineAsync($"token={created.Token}");
                    return 0;
                case "revoke" when options.TryGetValue("id", out var id) && Guid.TryParse(id, out var screenId):
                    var revoked = await screens.RevokeTokenAsync(screenId);
                    await output.WriteLineAsync(revoked ? "revoked" : "no such screen with an active token");
                    return revoked ? 0 : 1;
                default:
                    await output.WriteLineAsync("usage: screens create --name NAME --group GROUP | screens revoke --id SCREEN_ID");
                    return 2;
            }
        }
        catch (ValidationException e)
        {
            await output.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }
}
