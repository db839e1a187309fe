using BackOnTrack.Core.Messages;
using System.Text.Json;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Functions.Functions;
using BackOnTrack.Functions.Invocations;
using BackOnTrack.Application.Operations;
using BackOnTrack.Application;
using BackOnTrack.Application.Benchmarks;
using BackOnTrack.Application.Ingest;
using BackOnTrack.Application.Metrics;
using BackOnTrack.Application.Plans;
using BackOnTrack.Application.Portal;
using BackOnTrack.Application.Prompts;
using BackOnTrack.Application.Schools;
using BackOnTrack.Storage.Blobs.Sas;
using BackOnTrack.Application.Sweep;
using BackOnTrack.Application.Tracker;
using BackOnTrack.Storage.Repositories;
using BackOnTrack.Storage;
using Microsoft.AspNetCore.Http.Json;

namespace BackOnTrack.Functions.Hosting;

public static partial class FunctionsServiceCollectionExtensions
{
    /// <summary>Every HTTP function; the contract tests compare this list with the function.json folders.</summary>
    public static IReadOnlyList<HttpFunctionRoute> HttpFunctions { get; } = [Health.Route, MetricsApi.Route, UploadUrlApi.Route, DropStatusApi.Route, PortalApi.Route, PortalAssetApi.Route, SchoolDropsApi.Route, SchoolReturnsApi.Route, EarlyWarningRollApi.Route];

    /// <summary>Registers the functions, their use cases and the settings they read.</summary>
    public static IServiceCollection AddBackOnTrackFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LocalHostOptions>().Bind(configuration.GetSection(LocalHostOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.Configure<JsonOptions>(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase);
        services.AddOptions<HubOptions>().Bind(configuration.GetSection(HubOptions.SectionName))
            .Validate(o => HubOptions.IsValidKey(o.PseudonymisationKey), "Hub:PseudonymisationKey must be base64 of at least 32 bytes.")
            .Validate(o => HubOptions.AreValidPreviousKeys(o.PreviousPseudonymisationKeys), "Hub:PreviousPseudonymisationKeys must be base64 keys of at least 32 bytes, joined by commas.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.LocalAuthority) && !string.IsNullOrWhiteSpace(o.Region), "Hub:LocalAuthority and Hub:Region must name the home LA and its region as DfE does.")
            .ValidateOnStart();
        services.AddOptions<IngestOptions>().Bind(configuration.GetSection(IngestOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<HubHealth>();
        services.AddSingleton<BlobReceiptStore>();
        services.AddSingleton<DataDropStore>();
        services.AddSingleton<DropRowRemover>();
        services.AddSingleton<BenchmarkStore>();
        services.AddSingleton<ImportBenchmarksUseCase>();
        services.AddSingleton<IDropImport>(sp => sp.GetRequiredService<ImportBenchmarksUseCase>());
        services.AddSingleton<IDropImport, SchoolDataImport>();
        services.AddSingleton<ActionPlanStore>();
        services.AddSingleton<IDropImport, ImportPlanUseCase>();
        services.AddSingleton<IngestDropUseCase>();
        services.AddSingleton<SweepDropsUseCase>();
        services.AddSingleton<IInvokedFunction, IngestDrop>();
        services.AddSingleton<IInvokedFunction, SweepDrops>();
        services.AddSingleton<MetricFactsReader>();
        services.AddSingleton<MetricsStore>();
        services.AddSingleton<CohortOutcomeStore>();
        services.AddSingleton<MetricsQuery>();
        services.AddSingleton<RecomputeMetricsUseCase>();
        services.AddSingleton<IInvokedFunction, RecomputeMetrics>();
        services.AddOptions<SchoolsOptions>().Bind(configuration.GetSection(SchoolsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SchoolKeyStore>();
        // The real clock, not the hub's (which may run "as of" a past date): storage checks a SAS's expiry against its own.
        services.AddSingleton(sp => new UploadSasIssuer(sp.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>(), TimeProvider.System));
        services.AddSingleton<SchoolUploadsUseCase>();
        services.AddBackOnTrackPortal();
        services.AddSingleton<PromptLedgerStore>();
        services.AddSingleton<OwnerPromptSender>();
        services.AddSingleton<BoardDigestPublisher>();
        services.AddSingleton<PromptOwnersUseCase>();
        services.AddSingleton<IInvokedFunction, PromptOwners>();
        services.AddBackOnTrackOperations(configuration);
        services.AddSingleton<TrackerItemStore>();
        services.AddSingleton<RejectedTrackerEditStore>();
        services.AddSingleton<TrackerEditApplier>();
        services.AddSingleton<TrackerPusher>();
        services.AddSingleton<SyncActionsUseCase>();
        services.AddSingleton<SyncFiguresUseCase>();
        services.AddSingleton<SyncReturnsUseCase>();
        services.AddSingleton<PullTrackerEditsUseCase>();
        services.AddSingleton<IInvokedFunction, SyncTracker>();
        services.AddSingleton<IInvokedFunction, PullTrackerEdits>();
        return services;
    }

    /// <summary>
    /// Maps the host's readiness probe (<c>/</c>), one <c>POST /{FunctionName}</c> per invoked function, and the HTTP
    /// functions under <c>/api/</c>, where the host's proxy forwards them unchanged.
    /// </summary>
    public static WebApplication MapBackOnTrackFunctions(this WebApplication app)
    {
        app.MapGet("/", () => Results.Text("BackOnTrack handler"));
        foreach (var function in app.Services.GetServices<IInvokedFunction>())
        {
            app.MapPost("/" + function.Name, (HttpRequest request, StorageProvisioning provisioning, ILoggerFactory loggers, CancellationToken cancellationToken) =>
                InvokeAsync(function, request, provisioning, loggers.CreateLogger(function.Name), cancellationToken));
        }

        app.MapGet("/api/" + Health.Route.Route, Health.HandleAsync);
        app.MapGet("/api/" + MetricsApi.Route.Route, MetricsApi.HandleAsync);
        app.MapPost("/api/" + UploadUrlApi.Route.Route, UploadUrlApi.HandleAsync);
        app.MapGet("/api/" + DropStatusApi.Route.Route, DropStatusApi.HandleAsync);
        app.MapGet("/api/" + PortalApi.Route.Route, PortalApi.Handle);
        app.MapGet("/api/" + PortalAssetApi.Route.Route, PortalAssetApi.Handle);
        app.MapGet("/api/" + SchoolDropsApi.Route.Route, SchoolDropsApi.HandleAsync);
        app.MapGet("/api/" + SchoolReturnsApi.Route.Route, SchoolReturnsApi.HandleAsync);
        app.MapPost("/api/" + EarlyWarningRollApi.Route.Route, EarlyWarningRollApi.HandleAsync);
        return app;
    }

    private static async Task<IResult> InvokeAsync(
        IInvokedFunction function, HttpRequest request, StorageProvisioning provisioning, ILogger logger, CancellationToken cancellationToken)
    {
        var invocationId = request.Headers["X-Azure-Functions-InvocationId"].ToString();
        try
        {
            await provisioning.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
            var invocation = await InvocationRequest.ReadAsync(request.Body, cancellationToken).ConfigureAwait(false);
            var response = await function.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
            return Results.Json(response);
        }
        catch (Exception ex) when (ex is InvalidInvocationException or InvalidQueueMessageException or JsonException)
        {
            LogRejected(logger, function.Name, invocationId, ex.Message);
            return Results.Json(InvocationResponse.WithLogs($"Rejected invocation: {ex.Message}"), statusCode: StatusCodes.Status400BadRequest);
        }
#pragma warning disable CA1031 // A failed invocation must answer 500 so the host retries it; the exception is logged.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogFailed(logger, ex, function.Name, invocationId);
            return Results.Json(InvocationResponse.WithLogs($"{function.Name} failed: {ex.GetType().Name}"), statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Invocation {InvocationId} of {Function} was not a valid invocation: {Reason}")]
    private static partial void LogRejected(ILogger logger, string function, string invocationId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Invocation {InvocationId} of {Function} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function, string invocationId);
}
