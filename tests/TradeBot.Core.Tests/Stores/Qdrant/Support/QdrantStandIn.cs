using System.Collections.Concurrent;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace TradeBot.Core.Tests.Stores.Qdrant.Support;

/// <summary>
/// A Qdrant stand-in on a real loopback socket: Kestrel with HTTP/2 on 127.0.0.1 and a random port, serving Qdrant's
/// gRPC services (<c>qdrant.Qdrant</c>, <c>qdrant.Collections</c>, <c>qdrant.Points</c>) bound from the descriptors and
/// message types of the <c>Qdrant.Client</c> package itself (it ships no server base classes). Every method those
/// descriptors name is bound; one the engine does not implement answers <c>Unimplemented</c> and is recorded as a
/// violation. The engine keeps points in memory and enforces what a server enforces. An <see cref="Intercept"/> hook
/// lets fault tests answer first (statuses, hangs, malformed messages).
/// </summary>
internal sealed class QdrantStandIn : IAsyncDisposable
{
    public const string HealthCheck = "qdrant.Qdrant/HealthCheck";

    /// <summary>Answer this from <see cref="Intercept"/> to send bytes that are no protobuf message of the method's type.</summary>
    public static readonly IMessage Malformed = new Google.Protobuf.WellKnownTypes.Empty();

    private static readonly byte[] s_malformedBytes = [0x0A, 0x05, 0x01];

    private readonly QdrantStandInEngine _engine = new();
    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly string? _apiKey;
    private WebApplication? _app;
    private int _count;

    private QdrantStandIn(string? apiKey) => _apiKey = apiKey;

    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyCollection<RecordedCall> Calls => _calls;

    /// <summary>What the client did that Qdrant would reject or that TradeBot's design rules out; tests assert it is empty.</summary>
    public IReadOnlyCollection<string> Violations => _engine.Violations;

    /// <summary>Answers a call before the engine does (or throws an <see cref="RpcException"/>); null lets the engine answer.</summary>
    public Func<StandInCall, Task<IMessage?>>? Intercept { get; set; }

    public static async Task<QdrantStandIn> StartAsync(string? apiKey = null)
    {
        var standIn = new QdrantStandIn(apiKey);
        var (app, address) = await LoopbackHost.StartAsync(
            builder =>
            {
                builder.Services.AddGrpc();
                builder.Services.AddSingleton(standIn);
                builder.Services.AddSingleton<IServiceMethodProvider<QdrantStandIn>, MethodTable>();
            },
            app => app.MapGrpcService<QdrantStandIn>(),
            protocols: HttpProtocols.Http2);
        standIn._app = app;
        standIn.Endpoint = address;
        return standIn;
    }

    public int CallsTo(string method) => _calls.Count(c => c.Method == method);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task<IMessage> HandleAsync(string method, IMessage request, ServerCallContext context)
    {
        var number = Interlocked.Increment(ref _count);
        _calls.Enqueue(new RecordedCall(method, request, context.RequestHeaders.GetValue("api-key")));
        if (Intercept is { } intercept && await intercept(new StandInCall(method, number, request, context)) is { } reply)
        {
            return reply;
        }
        // Qdrant checks the key on every call but its health check.
        if (_apiKey is not null && method != HealthCheck && context.RequestHeaders.GetValue("api-key") != _apiKey)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "Invalid api-key"));
        }
        return _engine.Handle(method, request);
    }

    /// <summary>Binds every unary method of Qdrant's service descriptors, with marshallers over the package's message types.</summary>
    private sealed class MethodTable : IServiceMethodProvider<QdrantStandIn>
    {
        public void OnServiceMethodDiscovery(ServiceMethodProviderContext<QdrantStandIn> context)
        {
            var files = new[]
            {
                global::Qdrant.Client.Grpc.QdrantReflection.Descriptor,
                global::Qdrant.Client.Grpc.CollectionsServiceReflection.Descriptor,
                global::Qdrant.Client.Grpc.PointsServiceReflection.Descriptor,
            };
            foreach (var service in files.SelectMany(f => f.Services))
            {
                foreach (var descriptor in service.Methods.Where(m => !m.IsClientStreaming && !m.IsServerStreaming))
                {
                    var input = descriptor.InputType.Parser;
                    var output = descriptor.OutputType.Parser;
                    var method = new Method<IMessage, IMessage>(MethodType.Unary, service.FullName, descriptor.Name,
                        Marshallers.Create<IMessage>(m => m.ToByteArray(), input.ParseFrom),
                        Marshallers.Create<IMessage>(m => ReferenceEquals(m, Malformed) ? s_malformedBytes : m.ToByteArray(), output.ParseFrom));
                    var name = $"{service.FullName}/{descriptor.Name}";
                    context.AddUnaryMethod(method, [], (standIn, request, call) => standIn.HandleAsync(name, request, call));
                }
            }
        }
    }
}

internal sealed record RecordedCall(string Method, IMessage Request, string? ApiKey);

internal sealed record StandInCall(string Method, int Number, IMessage Request, ServerCallContext Context);
