using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Functions.Hosting;
using BackOnTrack.Storage;

namespace BackOnTrack.Cli.Operations;

/// <summary>
/// What every operations verb shares: the hub's own composition and settings (as <c>serve</c> and <c>local</c> read
/// them), built but not started, so no port is opened; the storage it needs created; logs only from warnings up, so
/// the verb's own output is what is printed.
/// </summary>
internal static class OperationsApp
{
    /// <param name="configure">Last-minute registrations, for tests (as <see cref="HandlerApp.Build"/>).</param>
    public static async Task<WebApplication> OpenAsync(TimeProvider clock, Action<WebApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        var app = HandlerApp.Build(0, clock, builder =>
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            configure?.Invoke(builder);
        });
        try
        {
            await StorageProvisioning.EnsureCreatedAsync(app.Services.GetRequiredService<StorageAccount>(), cancellationToken).ConfigureAwait(false);
            return app;
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
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
