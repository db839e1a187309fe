using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using BackOnTrack.M365.Digest;
using BackOnTrack.M365.Graph;
using BackOnTrack.M365.Http;
using BackOnTrack.M365.Outbox;
using BackOnTrack.M365.SharePoint;
using BackOnTrack.M365.Teams;
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
    /// or outbox <see cref="ITeamsNotifier"/>, <see cref="IBoardDigestPoster"/> and <see cref="ISharePointTracker"/>, and the
    /// board pack's <see cref="IBoardPackLibrary"/> (Graph only with a library configured). Outbox mode needs the storage
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
            return HubGraphClient.Create(
                sp.GetRequiredService<IHttpClientFactory>(), options, credential ?? M365Credentials.Create(options, sp.GetService<M365CredentialOptions>()));
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
        services.AddSingleton(sp => new GraphBoardPackLibrary(
            sp.GetRequiredService<GraphServiceClient>(), sp.GetRequiredService<M365Options>(), Loggers(sp).CreateLogger<GraphBoardPackLibrary>()));
        services.AddSingleton(sp => new OutboxBoardPackLibrary(sp.GetRequiredService<OutboxStore>()));
        services.AddSingleton<IBoardPackLibrary>(sp => sp.GetRequiredService<M365Options>() is { EffectiveMode: M365Mode.Graph, BoardPackDriveId: { Length: > 0 } }
            ? sp.GetRequiredService<GraphBoardPackLibrary>()
            : sp.GetRequiredService<OutboxBoardPackLibrary>());
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

/// <summary>
/// Where the hub's own credentials for Graph (<see cref="M365Credentials"/>) ask for tokens, when that is not Entra ID's
/// global cloud over the machine's network: a national cloud's authority host, or a test's fake Entra ID on 127.0.0.1.
/// Register one as a service to apply it; without one the credentials use Azure.Identity's defaults.
/// </summary>
public sealed class M365CredentialOptions
{
    /// <summary>Entra ID's sign-in host (<see cref="AzureAuthorityHosts"/>); null: the global cloud's.</summary>
    public Uri? AuthorityHost { get; init; }

    /// <summary>True for an authority host Entra ID's instance discovery does not know (a fake on 127.0.0.1).</summary>
    public bool DisableInstanceDiscovery { get; init; }

    /// <summary>The HTTP transport of the token requests (the managed identity's too); null: Azure.Core's default.</summary>
    public HttpPipelineTransport? Transport { get; init; }

    internal T Apply<T>(T options)
        where T : TokenCredentialOptions
    {
        if (AuthorityHost is not null)
        {
            options.AuthorityHost = AuthorityHost;
        }

        if (Transport is not null)
        {
            options.Transport = Transport;
        }

        return options;
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
    /// when <see cref="M365Options.ManagedIdentityClientId"/> is set, else system-assigned. The managed identity's
    /// endpoint is the platform's (App Service's <c>IDENTITY_ENDPOINT</c>, else IMDS), whatever <paramref name="setup"/> says.
    /// </summary>
    public static TokenCredential Create(M365Options options, M365CredentialOptions? setup = null)
    {
        setup ??= new M365CredentialOptions();
        var managedIdentityId = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
            ? ManagedIdentityId.SystemAssigned
            : ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId);
        var managedIdentity = new ManagedIdentityCredential(setup.Apply(new ManagedIdentityCredentialOptions(managedIdentityId)));
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            return managedIdentity;
        }

        if (!string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            return new ClientSecretCredential(
                options.TenantId,
                options.ClientId,
                options.ClientSecret,
                setup.Apply(new ClientSecretCredentialOptions { DisableInstanceDiscovery = setup.DisableInstanceDiscovery }));
        }

        var exchange = new TokenRequestContext(["api://AzureADTokenExchange/.default"]);
        return new ClientAssertionCredential(
            options.TenantId,
            options.ClientId,
            async cancellationToken => (await managedIdentity.GetTokenAsync(exchange, cancellationToken).ConfigureAwait(false)).Token,
            setup.Apply(new ClientAssertionCredentialOptions { DisableInstanceDiscovery = setup.DisableInstanceDiscovery }));
    }
}
