namespace BackOnTrack.Core.Identifiers;

/// <summary>
/// The pseudonym that stands for a pupil in every table: the first 32 lowercase hex characters of
/// HMAC-SHA256(UPN) under the hub's pseudonymisation key (DESIGN §3). Built by <see cref="Pseudonymiser"/>.
/// </summary>
public readonly record struct PupilKey
{
    public const int Length = 32;

    internal PupilKey(string value) => Value = value;

    /// <summary>32 lowercase hex characters.</summary>
    public string Value { get; }

    public override string ToString() => Value;
}
