namespace BackOnTrack.Core.Identifiers;

/// <summary>
/// Whose figures: the LA as a whole (<c>LA</c>) or one school (its LAESTAB). The PartitionKey of Metrics and the scope a
/// metrics request or a figures sync names; parsed once where it enters the hub.
/// </summary>
public sealed record Scope
{
    /// <summary>How the LA-wide scope is written in every table, message and route (exactly; keys are case-sensitive).</summary>
    public const string LaValue = "LA";

    private Scope(string value) => Value = value;

    /// <summary>The LA-wide scope.</summary>
    public static Scope La { get; } = new(LaValue);

    /// <summary><c>LA</c>, or a school's seven digits.</summary>
    public string Value { get; }

    public bool IsLa => Value == LaValue;

    public static Scope School(Laestab laestab)
    {
        ArgumentNullException.ThrowIfNull(laestab);
        return new Scope(laestab.Value);
    }

    /// <summary><c>LA</c>, or a LAESTAB in any of the forms <see cref="Laestab.TryParse"/> reads.</summary>
    public static bool TryParse(string? text, out Scope scope)
    {
        if (text == LaValue)
        {
            scope = La;
            return true;
        }

        if (Laestab.TryParse(text, out var school, out _))
        {
            scope = School(school);
            return true;
        }

        scope = null!;
        return false;
    }

    /// <summary>A scope the hub wrote itself (a table key, a drop's school-year); anything else is a bug.</summary>
    public static Scope Parse(string text) =>
        TryParse(text, out var scope) ? scope : throw new FormatException($"'{text}' is not LA or a LAESTAB.");

    public override string ToString() => Value;
}
