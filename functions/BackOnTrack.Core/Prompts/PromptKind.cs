namespace BackOnTrack.Core.Prompts;

/// <summary>Why an owner is prompted about an action (docs/architecture.md §Microsoft 365); only actions not Complete are prompted.</summary>
public enum PromptKind
{
    /// <summary>Due from the as-of date up to <see cref="PromptWindow.DueWithinDays"/> days ahead, inclusive.</summary>
    Due,

    /// <summary>Due before the as-of date.</summary>
    Overdue,
}
