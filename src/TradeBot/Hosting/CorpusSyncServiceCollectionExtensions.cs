namespace TradeBot.Hosting;

internal static class CorpusSyncServiceCollectionExtensions
{
    /// <summary>Keeps the corpus folder in sync while the server runs (<see cref="CorpusSyncService"/>), and loads the search indexes after the first sync.</summary>
    public static IServiceCollection AddCorpusSync(this IServiceCollection services)
    {
        services.AddSingleton<SearchIndexWarmUp>();
        services.AddHostedService<CorpusSyncService>();
        return services;
    }
}
