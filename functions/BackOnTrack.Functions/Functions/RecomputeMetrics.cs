using BackOnTrack.Core.Messages;
using BackOnTrack.Functions.Invocations;
using BackOnTrack.Application.Metrics;

namespace BackOnTrack.Functions.Functions;

/// <summary>Queue <c>metrics-requests</c>: a <see cref="MetricsRequest"/>.</summary>
internal sealed class RecomputeMetrics(RecomputeMetricsUseCase recompute) : IInvokedFunction
{
    public string Name => nameof(RecomputeMetrics);

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var (scope, year) = MetricsRequest.Parse(request.ReadQueueMessage("message"));
        var result = await recompute.RecomputeAsync(scope.Value, year, cancellationToken).ConfigureAwait(false);
        return InvocationResponse.WithLogs(
            $"Metrics {scope} {year}: {result.SchoolsRecomputed} school(s) and {result.CohortsRecomputed} cohort(s) recomputed; changed: {(result.ScopesChanged.Count == 0 ? "nothing" : string.Join(", ", result.ScopesChanged))}.");
    }
}
