using Azure.Core;
using Azure.Identity;
using BackOnTrack.M365.Digest;
using BackOnTrack.M365.Graph;
using BackOnTrack.M365.Http;
using BackOnTrack.M365.Outbox;
using BackOnTrack.M365.SharePoint;
using BackOnTrack.M365.Teams;
using BackOnTrack.Storage.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Graph;

namespace BackOnTrack.M365;

public static class M365ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <c>M365</c> options (validated at start) and, by <see cref="M365Options.EffectiveMode"/>, the Graph
    /// or outbox <see cref="ITeamsNotifier"/>, <see cref="IBoardDigestPoster"/> and <see cref="ISharePointTracker"/>. Outbox mode needs the storage
    /// clients (<c>AddBackOnTrackStorage</c>); Graph mode builds one <see cref="GraphServiceClient"/> for the app.
    /// </summary>
    /// <param name="credential">The hub's identity for Graph; default from the options (<see cref="M365Credentials"/>).</param>
    public static IServiceCollection AddBackOnTrackM365(this IServiceCollection services, IConfiguration configuration, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<M365Options>().Bind(configuration.GetSection(M365Options.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<M365Options>, M365OptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<M365Options>>().Value);

        services.AddM365HttpClients();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<M365Options>();
            return HubGraphClient.Create(sp.GetRequiredService<IHttpClientFactory>(), options, credential ?? M365Credentials.Create(options));
        });
        services.AddSingleton(sp => new GraphTeamsNotifier(
            sp.GetRequiredService<GraphServiceClient>(), sp.GetRequiredService<M365Options>(), Loggers(sp).CreateLogger<GraphTeamsNotifier>()));
        services.AddSingleton(sp => new WorkflowsWebhookPoster(sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<M365Options>()));

        services.AddSingleton(sp => new TrackerLinks(sp.GetRequiredService<M365Options>()));
        services.AddSingleton(sp => new OutboxStore(sp.GetRequiredService<TableServiceClient>(), Clock(sp)));
        services.AddSingleton(sp => new OutboxTeamsNotifier(sp.GetRequiredService<OutboxStore>(), sp.GetRequiredService<M365Options>()));
        services.AddSingleton(sp => new OutboxDigestPoster(sp.GetRequiredService<OutboxStore>()));

        services.AddSingleton<ITeamsNotifier>(sp => sp.GetRequiredService<M365Options>().EffectiveMode == M365Mode.Graph
            ? sp.GetRequiredService<GraphTeamsNotifier>()
            : sp.GetRequiredService<OutboxTeamsNotifier>());
        services.AddSingleton<IBoardDigestPoster>(sp => sp.GetRequiredService<M365Options>().EffectiveMode == M365Mode.Graph
            ? sp.GetRequiredService<WorkflowsWebhookPoster>()
            : sp.GetRequiredService<OutboxDigestPoster>());

        services.AddSingleton(sp => new GraphSharePointTracker(
            sp.GetRequiredService<GraphServiceClient>(), sp.GetRequiredService<M365Options>(), Clock(sp), Loggers(sp).CreateLogger<GraphSharePointTracker>()));
        services.AddSingleton(sp => new OutboxSharePointTracker(sp.GetRequiredService<OutboxStore>()));
        services.AddSingleton<ISharePointTracker>(sp => sp.GetRequiredService<M365Options>().EffectiveMode == M365Mode.Graph
            ? sp.GetRequiredService<GraphSharePointTracker>()
            : sp.GetRequiredService<OutboxSharePointTracker>());
        services.AddSingleton(sp => new SharePointListProvisioner(sp.GetRequiredService<GraphServiceClient>(), sp.GetRequiredService<M365Options>()));
        return services;
    }

    private static TimeProvider Clock(IServiceProvider services) => services.GetService<TimeProvider>() ?? TimeProvider.System;

    private static ILoggerFactory Loggers(IServiceProvider services) => services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
}

/// <summary>Fails start-up with every problem in the <c>M365</c> settings at once.</summary>
internal sealed class M365OptionsValidator : IValidateOptions<M365Options>
{
    public ValidateOptionsResult Validate(string? name, M365Options options)
    {
        var problems = options.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>The hub's Graph identity when none is passed in.</summary>
internal static class M365Credentials
{
    /// <summary>
    /// Without <see cref="M365Options.ClientId"/>: the Function app's managed identity itself, holding the Graph
    /// application permissions (no app registration). With it and <see cref="M365Options.ClientSecret"/>: the app
    /// registration's secret. With it and no secret: the managed identity signs an assertion for the app registration
    /// through its federated identity credential, so no secret exists anywhere. The managed identity is user-assigned
    /// when <see cref="M365Options.ManagedIdentityClientId"/> is set, else system-assigned.
    /// </summary>
    public static TokenCredential Create(M365Options options)
    {
        var managedIdentity = new ManagedIdentityCredential(string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
            ? ManagedIdentityId.SystemAssigned
            : ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            return managedIdentity;
        }

        if (!string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            return new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret);
        }

        var exchange = new TokenRequestContext(["api://AzureADTokenExchange/.default"]);
        return new ClientAssertionCredential(
            options.TenantId,
            options.ClientId,
            async cancellationToken => (await managedIdentity.GetTokenAsync(exchange, cancellationToken).ConfigureAwait(false)).Token);
    }
}
