using System.Text.Json;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Functions.Invocations;
using BackOnTrack.Application.Tracker;

namespace BackOnTrack.Functions.Functions;

/// <summary>
/// Queue <c>tracker-sync</c>: <c>{"planId":"…"}</c>, <c>{"figures":"&lt;laestab&gt;|LA","academicYear":"2015-16"}</c>
/// or <c>{"returns":"current"}</c>.
/// </summary>
internal sealed class SyncTracker(SyncTrackerUseCase sync) : IInvokedFunction
{
    public string Name => nameof(SyncTracker);

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var message = Read(request.ReadQueueMessage("message"));
        var result = message switch
        {
            { PlanId: { } planId } => await sync.SyncPlanAsync(planId, cancellationToken).ConfigureAwait(false),
            { Scope: { } scope, Year: { } year } => await sync.SyncFiguresAsync(scope, year, cancellationToken).ConfigureAwait(false),
            _ => await sync.SyncReturnsAsync(cancellationToken).ConfigureAwait(false),
        };
        var subject = message.PlanId ?? (message.Scope is { } s ? $"figures {s} {message.Year}" : "the current term's returns");
        return InvocationResponse.WithLogs(
            $"Tracker sync of {subject}: {result.Items} item(s), {result.Written} written, {result.Unchanged} unchanged, {result.EditsApplied} edit(s) applied.");
    }

    /// <summary>A plan id, a figures scope-year, or neither: the current term's returns.</summary>
    private sealed record SyncRequest(string? PlanId, string? Scope, AcademicYear? Year);

    private static SyncRequest Read(string message)
    {
        try
        {
            using var json = JsonDocument.Parse(message);
            var root = json.RootElement;
            if (root.TryGetProperty("planId", out var plan))
            {
                return plan.GetString() is { Length: > 0 } planId
                    ? new SyncRequest(planId, null, null)
                    : throw new InvalidInvocationException("A tracker-sync planId is the plan's blob name without extension.");
            }

            if (root.TryGetProperty("returns", out var returns))
            {
                return returns.GetString() == "current"
                    ? new SyncRequest(null, null, null)
                    : throw new InvalidInvocationException("A tracker-sync returns request is {\"returns\":\"current\"}.");
            }

            var scope = root.GetProperty("figures").GetString() ?? "";
            if (scope != DropLocation.LaScope && !Laestab.TryParse(scope, out _, out _))
            {
                throw new InvalidInvocationException("A tracker-sync figures scope is a LAESTAB or LA.");
            }

            return AcademicYear.TryParse(root.GetProperty("academicYear").GetString(), out var year)
                ? new SyncRequest(null, scope, year)
                : throw new InvalidInvocationException("A tracker-sync academicYear is yyyy-yy.");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidInvocationException("A tracker-sync message is {\"planId\":…}, {\"figures\":…,\"academicYear\":…} or {\"returns\":\"current\"}.");
        }
    }
}
