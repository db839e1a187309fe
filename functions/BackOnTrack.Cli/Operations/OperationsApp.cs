using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Application.Hosting;
using BackOnTrack.Cli.Hosting;
using BackOnTrack.Storage;
using Microsoft.Extensions.Options;

namespace BackOnTrack.Cli.Operations;

/// <summary>
/// What every operations verb shares: the hub's own composition and settings (as <c>serve</c> and <c>local</c> read
/// them), built but not started, so no port is opened; its settings checked; the storage it needs created; logs only
/// from warnings up, so the verb's own output is what is printed.
/// </summary>
internal static class OperationsApp
{
    /// <param name="configure">Last-minute registrations, for tests (as <see cref="HubApp.Build"/>).</param>
    /// <exception cref="HubSettingsException">No storage connection, or a malformed one.</exception>
    /// <exception cref="OptionsValidationException">A setting fails its validation (a missing or malformed key, a limit out of range).</exception>
    public static async Task<IHost> OpenAsync(TimeProvider clock, Action<HostApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        var app = HubApp.Build(clock, builder =>
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            // A retry is the storage client's business; when retries run out, the verb's one-line error says why.
            builder.Logging.AddFilter("BackOnTrack.Storage", LogLevel.Error);
            configure?.Invoke(builder);
            CheckConnection(builder.Configuration);
        });
        try
        {
            CheckSettings(app.Services);
            await StorageProvisioning.EnsureCreatedAsync(
                app.Services.GetRequiredService<BlobServiceClient>(), app.Services.GetRequiredService<QueueServiceClient>(), app.Services.GetRequiredService<TableServiceClient>(), cancellationToken)
                .ConfigureAwait(false);
            return app;
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    /// <summary>
    /// What starting the hub would check, before anything goes over the network: every options validation the hub
    /// registers with <c>ValidateOnStart</c> passes (the app is never started, so nothing else would run them until a
    /// use case first read its options, halfway through the work).
    /// </summary>
    internal static void CheckSettings(IServiceProvider services)
    {
        services.GetRequiredService<StorageAccess>();
        services.GetService<IStartupValidator>()?.Validate();
    }

    /// <summary>The storage connection as the hub reads it, checked before the hub is composed (composing it reads it).</summary>
    internal static void CheckConnection(IConfiguration configuration)
    {
        try
        {
            StorageServiceCollectionExtensions.ReadAccess(configuration);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException)
        {
            throw new HubSettingsException("bad settings: AzureWebJobsStorage: " + CliInvocation.OneLine(ex.Message), ex);
        }
    }

    /// <summary>Who ran a verb, for audit entries, when <c>--by</c> is not given.</summary>
    public static string DefaultOperator => Environment.UserName;

    /// <summary>
    /// A DataDrops partition as typed: a school's LAESTAB, <c>LA</c> (LA-wide files), <c>plans</c> or <c>benchmarks</c>.
    /// </summary>
    public static string? ParseScope(string text)
    {
        var trimmed = text.Trim();
        if (Laestab.TryParse(trimmed, out var school, out _))
        {
            return school.Value;
        }

        string[] named = [DropLocation.LaScope, "plans", "benchmarks"];
        return named.FirstOrDefault(n => string.Equals(n, trimmed, StringComparison.OrdinalIgnoreCase));
    }
}
