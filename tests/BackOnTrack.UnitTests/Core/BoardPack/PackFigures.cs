using System.Collections;
using BackOnTrack.Core.BoardPack;

namespace BackOnTrack.UnitTests.Core.BoardPack;

/// <summary>Every <see cref="PackFigure"/> reachable from a pack model, with the path it was found at.</summary>
internal static class PackFigures
{
    public static IReadOnlyList<(string Path, PackFigure Figure)> All(object model)
    {
        var found = new List<(string, PackFigure)>();
        Walk(model, "pack", found, new HashSet<object>(ReferenceEqualityComparer.Instance));
        return found;
    }

    private static void Walk(object? value, string path, List<(string, PackFigure)> found, HashSet<object> seen)
    {
        switch (value)
        {
            case null or string or ValueType:
                return;
            case PackFigure figure:
                found.Add((path, figure));
                return;
            case RowRef:
                return;
        }

        if (!seen.Add(value))
        {
            return;
        }

        if (value is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                Walk(entry.Value, $"{path}[{entry.Key}]", found, seen);
            }

            return;
        }

        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
            {
                Walk(item, $"{path}[{i++}]", found, seen);
            }

            return;
        }

        foreach (var property in value.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0))
        {
            Walk(property.GetValue(value), $"{path}.{property.Name}", found, seen);
        }
    }
}
