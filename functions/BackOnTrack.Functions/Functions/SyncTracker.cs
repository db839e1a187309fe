using System.Text.Json;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Functions.Invocations;
using BackOnTrack.Functions.UseCases.Tracker;

namespace BackOnTrack.Functions.Functions;

/// <summary>Queue <c>tracker-sync</c>: <c>{"planId":"…"}</c> or <c>{"figures":"&lt;laestab&gt;|LA","academicYear":"2015-16"}</c>.</summary>
internal sealed class SyncTracker(SyncTrackerUseCase sync) : IInvokedFunction
{
    public string Name => nameof(SyncTracker);

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var (planId, scope, year) = Read(request.ReadQueueMessage("message"));
        var result = planId is not null
            ? await sync.SyncPlanAsync(planId, cancellationToken).ConfigureAwait(false)
            : await sync.SyncFiguresAsync(scope!, year!.Value, cancellationToken).ConfigureAwait(false);
        return InvocationResponse.WithLogs(
            $"Tracker sync of {planId ?? $"figures {scope} {year}"}: {result.Items} item(s), {result.Written} written, {result.Unchanged} unchanged, {result.EditsApplied} edit(s) applied.");
    }

    private static (string? PlanId, string? Scope, AcademicYear? Year) Read(string message)
    {
        try
        {
            using var json = JsonDocument.Parse(message);
            var root = json.RootElement;
            if (root.TryGetProperty("planId", out var plan))
            {
                return plan.GetString() is { Length: > 0 } planId
                    ? (planId, null, null)
                    : throw new InvalidInvocationException("A tracker-sync planId is the plan's blob name without extension.");
            }

            var scope = root.GetProperty("figures").GetString() ?? "";
            if (scope != DropLocation.LaScope && !Laestab.TryParse(scope, out _, out _))
            {
                throw new InvalidInvocationException("A tracker-sync figures scope is a LAESTAB or LA.");
            }

            return AcademicYear.TryParse(root.GetProperty("academicYear").GetString(), out var year)
                ? (null, scope, year)
                : throw new InvalidInvocationException("A tracker-sync academicYear is yyyy-yy.");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidInvocationException("A tracker-sync message is {\"planId\":…} or {\"figures\":…,\"academicYear\":…}.");
        }
    }
}
