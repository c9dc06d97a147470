using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TradeBot.TestSupport;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a free port, for the tests' stand-ins and servers: real sockets, real HTTP,
/// no test server package. <c>configure</c> may override the address (<c>UseUrls</c>) or add services and logging.
/// </summary>
public static class LoopbackHost
{
    /// <summary>Builds, maps and starts the server; returns it with the address it listens on.</summary>
    /// <param name="protocols">The endpoint's protocols; <see cref="HttpProtocols.Http2"/> for gRPC without TLS.</param>
    public static async Task<(WebApplication App, Uri Address)> StartAsync(
        Action<WebApplicationBuilder> configure,
        Action<WebApplication> map,
        string environment = "Production",
        HttpProtocols? protocols = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (protocols is { } chosen)
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = chosen));
        }

        builder.Logging.ClearProviders();
        configure(builder);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return (app, AddressOf(app));
    }

    /// <summary>The first address a started server listens on (with port 0, the port it was given).</summary>
    public static Uri AddressOf(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
    }
}
