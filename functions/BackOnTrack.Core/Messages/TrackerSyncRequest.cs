using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Core.Messages;

/// <summary>
/// A <c>tracker-sync</c> message: push one plan's actions (<c>{"planId":"…"}</c>), one scope-year's figures
/// (<c>{"figures":"&lt;LAESTAB&gt;|LA","academicYear":"yyyy-yy"}</c>) or the current term's returns
/// (<c>{"returns":"current"}</c>) to SharePoint. Senders and SyncTracker both go through <see cref="Serialize"/> and
/// <see cref="Parse"/>.
/// </summary>
public abstract record TrackerSyncRequest
{
    private const string Shape = "A tracker-sync message is {\"planId\":\"…\"}, {\"figures\":\"<LAESTAB>|LA\",\"academicYear\":\"yyyy-yy\"} or {\"returns\":\"current\"}.";

    private TrackerSyncRequest()
    {
    }

    /// <summary>The plan's actions to the tracker list; the plan id is its blob name without extension.</summary>
    public sealed record Plan(string PlanId) : TrackerSyncRequest;

    /// <summary>A scope-year's figures to the figures list.</summary>
    public sealed record Figures(Scope Scope, AcademicYear AcademicYear) : TrackerSyncRequest;

    /// <summary>The current term's returns to the returns list.</summary>
    public sealed record Returns : TrackerSyncRequest;

    public string Serialize() => QueueJson.Write(writer =>
    {
        switch (this)
        {
            case Plan plan:
                writer.WriteString("planId", plan.PlanId);
                break;
            case Figures figures:
                writer.WriteString("figures", figures.Scope.Value);
                writer.WriteString("academicYear", figures.AcademicYear.ToString());
                break;
            default:
                writer.WriteString("returns", "current");
                break;
        }
    });

    public static TrackerSyncRequest Parse(string message)
    {
        using var json = QueueJson.Read(message, Shape);
        var root = json.RootElement;
        if (root.TryGetProperty("planId", out _))
        {
            return QueueJson.String(root, "planId", Shape) is { Length: > 0 } planId
                ? new Plan(planId)
                : throw new InvalidQueueMessageException("A tracker-sync planId is the plan's blob name without extension.");
        }

        if (root.TryGetProperty("returns", out _))
        {
            return QueueJson.String(root, "returns", Shape) == "current" ? new Returns() : throw new InvalidQueueMessageException(Shape);
        }

        return Scope.TryParse(QueueJson.String(root, "figures", Shape), out var scope)
               && AcademicYear.TryParse(QueueJson.String(root, "academicYear", Shape), out var year)
            ? new Figures(scope, year)
            : throw new InvalidQueueMessageException(Shape);
    }
}
