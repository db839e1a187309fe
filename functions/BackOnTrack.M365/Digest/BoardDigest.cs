using BackOnTrack.Core.Prompts;

namespace BackOnTrack.M365.Digest;

/// <summary>
/// What the board's weekly digest says (DESIGN §5), as plain data: the card builder turns it into an Adaptive Card.
/// Text here is shown as text: the builder neutralises markdown, mentions and card functions in it.
/// </summary>
/// <param name="PlanTitle">The plan's title, e.g. "SEMH strategy action plan".</param>
/// <param name="AsOf">The date the digest describes (Europe/London).</param>
/// <param name="ByStatus">Actions per status, in display order (e.g. Not started, In progress, Complete).</param>
/// <param name="ByPriority">Actions per priority, in display order (label e.g. "1 · Early identification").</param>
/// <param name="Due">Not Complete, due from <paramref name="AsOf"/> up to 14 days ahead.</param>
/// <param name="Overdue">Not Complete, due before <paramref name="AsOf"/>; the builder lists those more than
/// <see cref="EscalationDays"/> days overdue under "Escalated" instead.</param>
/// <param name="InvalidEdits">Tracker edits that were not applied.</param>
/// <param name="Headlines">Headline figures from Metrics, already formatted (e.g. "Suspension rate 2025-26" → "4.1%").</param>
/// <param name="Links">Buttons at the foot of the card (e.g. the tracker, the overdue view): Action.OpenUrl.</param>
public sealed record BoardDigest(
    string PlanTitle,
    DateOnly AsOf,
    IReadOnlyList<DigestCount> ByStatus,
    IReadOnlyList<DigestCount> ByPriority,
    IReadOnlyList<DigestAction> Due,
    IReadOnlyList<DigestAction> Overdue,
    IReadOnlyList<DigestInvalidEdit> InvalidEdits,
    IReadOnlyList<DigestFigure> Headlines,
    IReadOnlyList<DigestLink> Links)
{
    /// <summary>Schools with no accepted drop this term (the returns tracker), under a heading naming the term.</summary>
    public DigestMissingReturns? MissingReturns { get; init; }

    /// <summary>An action overdue by more than this many days is escalated (DESIGN §5).</summary>
    public const int EscalationDays = PromptWindow.EscalatedAfterDays;

    /// <summary>True when an action due on <paramref name="dueDate"/> is escalated as of <paramref name="asOf"/>.</summary>
    public static bool IsEscalated(DateOnly dueDate, DateOnly asOf) => PromptWindow.IsEscalated(dueDate, asOf);
}

/// <summary>One row of a count table.</summary>
public sealed record DigestCount(string Label, int Count);

/// <summary>An action as the digest lists it; <paramref name="Link"/> opens its tracker item.</summary>
public sealed record DigestAction(string ActionKey, string Title, IReadOnlyList<string> Owners, DateOnly DueDate, Uri? Link);

/// <summary>A tracker edit that was not applied, and why.</summary>
public sealed record DigestInvalidEdit(string ActionKey, string Field, string? Value, string Reason, string? EditedBy, Uri? Link);

/// <summary>A headline figure, label and value already formatted.</summary>
public sealed record DigestFigure(string Label, string Value);

/// <summary>Schools to chase before the board meets: no accepted drop in <paramref name="Term"/> (e.g. "autumn term 2026-27").</summary>
public sealed record DigestMissingReturns(string Term, IReadOnlyList<DigestSchool> Schools);

/// <summary>A school as the register names it.</summary>
public sealed record DigestSchool(string Laestab, string Name);

/// <summary>A button at the card's foot.</summary>
public sealed record DigestLink(string Title, Uri Url);
