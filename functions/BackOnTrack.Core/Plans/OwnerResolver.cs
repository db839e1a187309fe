using System.Buffers;

namespace BackOnTrack.Core.Plans;

/// <summary>
/// Splits a plan's owner cell into the roles of the owners file. Separators vary ("/", ",", "&amp;", "and", ";", line
/// breaks) and role names contain some of them ("Joint AD Commissioning, Performance &amp; Inclusion"), so the cell
/// is not split first: the known roles are found in it, longest first, comparing words only (case, spacing and
/// punctuation ignored; "&amp;" reads as "and"). Whatever words are left are reported as written, never matched to
/// the nearest role: a guess would send an action's prompts to the wrong person.
/// </summary>
public sealed class OwnerResolver
{
    private static readonly SearchValues<char> ListBreaks = SearchValues.Create(";/\\|\r\n");

    // Longest role first (in words, then characters), so "RMBC Head of Inclusion" wins over "Head of Inclusion".
    private readonly IReadOnlyList<(string Role, string[] Words)> _roles;

    /// <summary>Creates a resolver over the roles of the owners file, as written there.</summary>
    public OwnerResolver(IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var known = new List<(string Role, string[] Words)>();
        foreach (var role in roles)
        {
            var words = Words(role).Select(w => w.Text).ToArray();
            if (words.Length > 0 && seen.Add(string.Join(' ', words)))
            {
                known.Add((CellText.OneLine(role), words));
            }
        }

        _roles = known.OrderByDescending(r => r.Words.Length).ThenByDescending(r => r.Role.Length)
            .ThenBy(r => r.Role, StringComparer.Ordinal).ToList();
    }

    /// <summary>The form in which role names are compared: their words, lower-cased, "&amp;" read as "and".</summary>
    internal static string MatchingForm(string role) => string.Join(' ', Words(role).Select(w => w.Text));

    /// <summary>The roles named in an owner cell, in the order the cell names them, and what matched no role.</summary>
    public OwnerResolution Resolve(string? ownerText)
    {
        var text = ownerText ?? string.Empty;
        var words = Words(text);
        var claimed = new bool[words.Count];
        var found = new List<(int Position, string Role)>();
        foreach (var (role, roleWords) in _roles)
        {
            for (var start = 0; start + roleWords.Length <= words.Count; start++)
            {
                if (Matches(words, claimed, start, roleWords))
                {
                    Array.Fill(claimed, true, start, roleWords.Length);
                    found.Add((start, role));
                    start += roleWords.Length - 1;
                }
            }
        }

        var resolved = found.OrderBy(f => f.Position).Select(f => f.Role).Distinct(StringComparer.Ordinal).ToList();
        return new OwnerResolution(resolved, Leftovers(text, words, claimed));
    }

    private static bool Matches(List<Word> words, bool[] claimed, int start, string[] roleWords)
    {
        for (var i = 0; i < roleWords.Length; i++)
        {
            if (claimed[start + i] || !string.Equals(words[start + i].Text, roleWords[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    // Unmatched words, in runs broken by matched roles and by list separators that no role name is expected to hold
    // (";", "/", line breaks). Commas and "&" do not break a run: they may belong to a role the owners file lacks.
    private static List<string> Leftovers(string text, List<Word> words, bool[] claimed)
    {
        var leftovers = new List<string>();
        var run = new List<Word>();
        for (var i = 0; i <= words.Count; i++)
        {
            var breaks = i == words.Count || claimed[i]
                || (run.Count > 0 && text.AsSpan(run[^1].End, words[i].Start - run[^1].End).IndexOfAny(ListBreaks) >= 0);
            if (breaks && run.Count > 0)
            {
                AddRun(text, run, leftovers);
                run.Clear();
            }

            if (i < words.Count && !claimed[i])
            {
                run.Add(words[i]);
            }
        }

        return leftovers;
    }

    // A run's leading and trailing "and"/"&" join it to its neighbours rather than belong to it.
    private static void AddRun(string text, List<Word> run, List<string> leftovers)
    {
        var first = 0;
        var last = run.Count - 1;
        while (first <= last && run[first].IsConjunction)
        {
            first++;
        }

        while (last >= first && run[last].IsConjunction)
        {
            last--;
        }

        if (first > last)
        {
            return;
        }

        var fragment = CellText.OneLine(text[run[first].Start..run[last].End]);
        if (!leftovers.Contains(fragment, StringComparer.OrdinalIgnoreCase))
        {
            leftovers.Add(fragment);
        }
    }

    // Letters and digits make words (lower-cased); "&" and "+" are the word "and"; everything else separates.
    private static List<Word> Words(string text)
    {
        var words = new List<Word>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsLetterOrDigit(c))
            {
                if (start < 0)
                {
                    start = i;
                }

                continue;
            }

            if (start >= 0)
            {
                words.Add(new Word(text[start..i].ToLowerInvariant(), start, i));
                start = -1;
            }

            if (c is '&' or '+')
            {
                words.Add(new Word("and", i, i + 1));
            }
        }

        return words;
    }

    private readonly record struct Word(string Text, int Start, int End)
    {
        public bool IsConjunction => Text == "and";
    }
}

/// <summary>What an owner cell names.</summary>
/// <param name="Roles">Roles of the owners file, as written there, in the order the cell names them.</param>
/// <param name="Unresolved">Text that matched no role, as written in the cell (one entry per separated part).</param>
public sealed record OwnerResolution(IReadOnlyList<string> Roles, IReadOnlyList<string> Unresolved);
