using Microsoft.Extensions.Configuration;
using Signage.Contracts;
using Signage.Player.Sync;

namespace Signage.Player.Tests;

public class PlayerSettingsTests
{
    [Fact]
    public void TheTokenKeyTheConsoleNamesIsTheOneThePlayerReads()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [PlayerSettings.DeviceToken] = "jeton-du-hall" })
            .Build();

        Assert.Equal("jeton-du-hall", configuration.GetSection(PlayerSettings.Section).Get<PlayerOptions>()!.DeviceToken);
        Assert.Equal(PlayerSettings.DeviceToken, PlayerSettings.DeviceTokenVariable.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal));
    }
}
