using System.Text.Json;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Functions.Invocations;
using BackOnTrack.Application.Metrics;

namespace BackOnTrack.Functions.Functions;

/// <summary>Queue <c>metrics-requests</c>: <c>{"scope":"&lt;laestab&gt;|LA","academicYear":"2015-16"}</c>.</summary>
internal sealed class RecomputeMetrics(RecomputeMetricsUseCase recompute) : IInvokedFunction
{
    public string Name => nameof(RecomputeMetrics);

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var (scope, year) = Read(request.ReadQueueMessage("message"));
        var result = await recompute.RecomputeAsync(scope, year, cancellationToken).ConfigureAwait(false);
        return InvocationResponse.WithLogs(
            $"Metrics {scope} {year}: {result.SchoolsRecomputed} school(s) and {result.CohortsRecomputed} cohort(s) recomputed; changed: {(result.ScopesChanged.Count == 0 ? "nothing" : string.Join(", ", result.ScopesChanged))}.");
    }

    private static (string Scope, AcademicYear Year) Read(string message)
    {
        try
        {
            using var json = JsonDocument.Parse(message);
            var scope = json.RootElement.GetProperty("scope").GetString() ?? "";
            var yearText = json.RootElement.GetProperty("academicYear").GetString();
            if (scope != DropLocation.LaScope && !Laestab.TryParse(scope, out _, out _))
            {
                throw new InvalidInvocationException("A metrics request's scope is a LAESTAB or LA.");
            }

            return AcademicYear.TryParse(yearText, out var year)
                ? (scope, year)
                : throw new InvalidInvocationException("A metrics request's academicYear is yyyy-yy.");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidInvocationException("A metrics request is {\"scope\":…,\"academicYear\":…}.");
        }
    }
}
