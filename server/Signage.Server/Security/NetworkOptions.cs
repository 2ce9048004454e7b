using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Signage.Server.Security;

/// <summary>
/// <c>Signage:Network</c>: the reverse proxies whose <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> are believed.
/// None by default: the headers of any other sender are ignored, so nobody can pose as HTTPS or as another address.
/// </summary>
public sealed class NetworkOptions
{
    public const string Section = "Signage:Network";

    /// <summary>Addresses of the proxies (e.g. <c>10.0.0.5</c>).</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR notation (e.g. <c>10.0.0.0/24</c>).</summary>
    public string[] KnownNetworks { get; set; } = [];

    public static void AddSignageNetwork(WebApplicationBuilder builder)
    {
        var network = builder.Configuration.GetSection(Section).Get<NetworkOptions>() ?? new NetworkOptions();
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; only what is configured is trusted here.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in network.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var cidr in network.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(cidr));
            }
        });
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
        });
    }
}
