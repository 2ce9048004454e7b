using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Signage.Core.Alerts;
using Signage.Core.Scheduling;
using Signage.Core.Writes;

namespace Signage.EndToEnd.Tests;

/// <summary>The console's web surface in Chromium: what a page of another origin can make it do, and its Content-Security-Policy.</summary>
public sealed class WebSurfaceBrowserTests(SignageSystem system, WebSurfaceBrowserTests.Chromium chromium)
    : IClassFixture<SignageSystem>, IClassFixture<WebSurfaceBrowserTests.Chromium>
{
    static readonly string[] Tools = ["hangfire", "api-reference"];

    ConsoleBrowser Browser => chromium.Browser!;

    [Fact]
    public Task APageOnAnotherPortOfTheSameHostCannotEndAnActiveAlertAsTheSignedInPublisher() => InBrowserAsync("same-site-attack", async page =>
    {
        var alertId = await RaiseAsync();
        // Another port of the same host: another origin but the same site, so Chromium sends the SameSite=Strict cookie.
        using var attacker = AttackerSite.Serve($"""
            <!DOCTYPE html><html lang="fr"><head><title>Jeu concours</title></head><body>
            <form id="f" method="post" action="{new Uri(system.ServerUrl, $"/api/alerts/{alertId}/end")}"></form>
            <script>document.getElementById('f').submit();</script>
            </body></html>
            """);

        var answer = await page.RunAndWaitForResponseAsync(
            () => page.GotoAsync(attacker.Url.ToString()),
            r => r.Url.EndsWith($"/api/alerts/{alertId}/end", StringComparison.Ordinal));

        Assert.Equal(403, answer.Status);
        Assert.Equal("same-site", await answer.Request.HeaderValueAsync("sec-fetch-site"));
        Assert.Contains("cross-site-request", await answer.TextAsync());
        Assert.True(await IsActiveAsync(alertId), "the alert must still be in force");

        // The console's own request, from its origin, still goes through.
        await page.GotoAsync(new Uri(system.ServerUrl, "alerts").ToString());
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("— Signage$"), new() { Timeout = 15_000 });
        var status = await page.EvaluateAsync<int>($"fetch('/api/alerts/{alertId}/end', {{ method: 'POST' }}).then(r => r.status)");
        Assert.Equal(204, status);
        Assert.False(await IsActiveAsync(alertId), "the console ended the alert");
    });

    [Fact]
    public Task EveryConsolePageRunsUnderItsContentSecurityPolicyWithoutAViolation() => InBrowserAsync("csp", async page =>
    {
        var reported = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                reported.Add($"{page.Url}: {message.Text}");
            }
        };
        await page.AddInitScriptAsync("""
            window.__violations = [];
            document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
            """);
        string[] paths = ["", "schedule", "screens", "screens/new", $"screens/{system.ScreenId}/preview", "medias", "alerts", "alerts/cap", "sites", "audit", "utilisateurs", "compte/mfa", "access-denied", "nimporte-quoi"];
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(new Uri(system.ServerUrl, path).ToString());
            Assert.Contains("script-src 'self';", await response!.HeaderValueAsync("content-security-policy"));
            Assert.Equal("DENY", await response.HeaderValueAsync("x-frame-options"));
            // An interactive page sets its title once its circuit runs: the circuit's script and WebSocket passed.
            await Assertions.Expect(page).ToHaveTitleAsync(new Regex(@"^\S.* — Signage$"), new() { Timeout = 15_000 });
            await ConsoleBrowser.AssertAccessibleAsync(page);
            reported.AddRange((await page.EvaluateAsync<string[]>("window.__violations")).Select(v => $"{path}: {v}"));
        }

        foreach (var tool in Tools)
        {
            var response = await page.GotoAsync(new Uri(system.ServerUrl, tool).ToString());
            Assert.Equal(200, response!.Status);
            Assert.Contains("frame-ancestors 'none'", await response.HeaderValueAsync("content-security-policy"));
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            reported.AddRange((await page.EvaluateAsync<string[]>("window.__violations")).Select(v => $"{tool}: {v}"));
        }

        Assert.True(reported.Count == 0, string.Join("\n", reported));
    });

    async Task<Guid> RaiseAsync()
    {
        await using var scope = system.Core.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Set("publieur@mairie.test");
        return (await scope.ServiceProvider.GetRequiredService<AlertService>().RaiseAsync(
            new RaiseAlert("Évacuation", "Quittez le bâtiment par la sortie la plus proche.", [new Target(TargetKind.Screen, system.ScreenId)], 30))).Id;
    }

    async Task<bool> IsActiveAsync(Guid alertId)
    {
        await using var scope = system.Core.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<AlertService>().ActiveAsync(CancellationToken.None)).Any(a => a.AlertId == alertId);
    }

    Task InBrowserAsync(string name, Func<IPage, Task> test) => Browser.AsAdministratorAsync(system, name, test);

    /// <summary>One page served on a port of its own of 127.0.0.1, as an attacker's page on the same host would be.</summary>
    sealed class AttackerSite : IDisposable
    {
        readonly HttpListener listener = new();
        readonly byte[] page;

        AttackerSite(string html)
        {
            page = Encoding.UTF8.GetBytes(html);
            Url = new Uri($"http://127.0.0.1:{SignageSystem.FreePort()}/");
            listener.Prefixes.Add(Url.ToString());
            listener.Start();
            _ = ServeAsync();
        }

        public Uri Url { get; }

        public static AttackerSite Serve(string html) => new(html);

        public void Dispose() => listener.Close();

        async Task ServeAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.OutputStream.WriteAsync(page);
                context.Response.Close();
            }
        }
    }

    public sealed class Chromium : IAsyncLifetime
    {
        public ConsoleBrowser? Browser { get; private set; }

        public async Task InitializeAsync() => Browser = await ConsoleBrowser.LaunchAsync(nameof(WebSurfaceBrowserTests));

        public async Task DisposeAsync()
        {
            if (Browser is not null)
            {
                await Browser.DisposeAsync();
            }
        }
    }
}
