using BackOnTrack.Core.Plans;

namespace BackOnTrack.Core.Prompts;

/// <summary>Who to prompt about what on a date, and whom the plan names but nobody can reach.</summary>
public sealed record PromptSchedule(IReadOnlyList<OwnerPrompt> Prompts, IReadOnlyList<UnpromptedOwner> Unprompted);

/// <summary>
/// Works out the prompts for a date (docs/architecture.md §Microsoft 365): for every open action due within the window or overdue, one prompt
/// per person holding any of its roles — a person holding two of an action's roles hears about it once.
/// </summary>
public static class PromptPlanner
{
    public static PromptSchedule Plan(IEnumerable<PlannedAction> actions, IEnumerable<Owner> owners, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(owners);
        var byRole = owners.GroupBy(o => Normalise(o.Role)).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var prompts = new List<OwnerPrompt>();
        var unprompted = new List<UnpromptedOwner>();
        foreach (var planned in actions.OrderBy(a => a.PlanId, StringComparer.Ordinal).ThenBy(a => a.Action.Imported.RowNumber))
        {
            if (PromptWindow.KindOf(planned.Action, asOf) is not { } kind)
            {
                continue;
            }

            var people = new Dictionary<string, (Owner Person, List<string> Roles)>(StringComparer.OrdinalIgnoreCase);
            foreach (var role in planned.Action.Imported.Owners)
            {
                if (!byRole.TryGetValue(Normalise(role), out var owner))
                {
                    unprompted.Add(new UnpromptedOwner(planned, role, "The role is not in the owners file."));
                }
                else if (string.IsNullOrWhiteSpace(owner.Upn))
                {
                    unprompted.Add(new UnpromptedOwner(planned, role, "The owners file gives no person for the role."));
                }
                else if (people.TryGetValue(owner.Upn.Trim(), out var holder))
                {
                    holder.Roles.Add(owner.Role);
                }
                else
                {
                    people[owner.Upn.Trim()] = (owner, [owner.Role]);
                }
            }

            unprompted.AddRange(planned.Action.Imported.UnresolvedOwners.Select(text =>
                new UnpromptedOwner(planned, text, "The owner text matches no role in the owners file.")));
            prompts.AddRange(people.Values.Select(p => new OwnerPrompt(planned, kind, p.Person, p.Roles)));
        }

        return new PromptSchedule(prompts, unprompted);
    }

    private static string Normalise(string role) => string.Join(' ', role.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}
