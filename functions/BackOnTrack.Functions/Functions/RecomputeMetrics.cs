using BackOnTrack.Application.Metrics;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Messages;
using BackOnTrack.Storage;
using Microsoft.Azure.Functions.Worker;

namespace BackOnTrack.Functions.Functions;

/// <summary>Queue <c>metrics-requests</c>: a <see cref="MetricsRequest"/> — one school-year (then the LA roll-up).</summary>
internal sealed partial class RecomputeMetrics(RecomputeMetricsUseCase recompute, ILogger<RecomputeMetrics> logger)
{
    [Function(nameof(RecomputeMetrics))]
    public async Task RunAsync([QueueTrigger(HubStorageNames.Queues.MetricsRequests)] string message, CancellationToken cancellationToken)
    {
        var (scope, year) = MetricsRequest.Parse(message);
        var result = await recompute.RecomputeAsync(scope.Value, year, cancellationToken).ConfigureAwait(false);
        var changed = result.ScopesChanged.Count == 0 ? "nothing" : string.Join(", ", result.ScopesChanged);
        LogRecomputed(logger, scope.Value, year, result.SchoolsRecomputed, result.CohortsRecomputed, changed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Metrics {Scope} {AcademicYear}: {Schools} school(s) and {Cohorts} cohort(s) recomputed; changed: {Changed}")]
    private static partial void LogRecomputed(ILogger logger, string scope, AcademicYear academicYear, int schools, int cohorts, string changed);
}
