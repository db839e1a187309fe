using System.Globalization;
using System.Text;

namespace BackOnTrack.ContractTests.Infra;

/// <summary>
/// Evaluates the part of the ARM template expression language infra/ uses in what the contract tests check: string
/// and number literals, <c>variables</c>, <c>parameters</c> (as <c>{name}</c>), <c>copyIndex</c>, property and index
/// access, <c>concat</c>, <c>format</c>, <c>string</c>, <c>length</c>, <c>map</c> with <c>lambda</c>,
/// <c>subscriptionResourceId</c> (its last segment: a role definition's id). No package evaluates ARM expressions
/// outside Azure; anything else fails the test that needed it, naming the function, so infra/ stays this plain.
/// </summary>
internal sealed class ArmExpression(ArmTemplate template, int copyIndex)
{
    private readonly Dictionary<string, object?> _lambdaVariables = new(StringComparer.Ordinal);
    private string _text = "";
    private int _at;

    public static bool IsExpression(string text) => text.StartsWith('[') && text.EndsWith(']') && !text.StartsWith("[[", StringComparison.Ordinal);

    public object? Evaluate(string text)
    {
        _text = text[1..^1];
        _at = 0;
        var value = Expression();
        SkipSpaces();
        return _at == _text.Length ? value : throw Unsupported($"text after the expression at {_at}");
    }

    private object? Expression()
    {
        var value = Primary();
        while (true)
        {
            SkipSpaces();
            if (Accept('.'))
            {
                var name = Identifier();
                value = value is Dictionary<string, object?> properties && properties.TryGetValue(name, out var property)
                    ? property
                    : value is string symbolic ? $"{symbolic}.{name}" : throw Unsupported($"property {name} of {value}");
            }
            else if (Accept('['))
            {
                var index = Expression();
                Expect(']');
                value = value is IList<object?> list ? list[Convert.ToInt32(index, CultureInfo.InvariantCulture)] : throw Unsupported($"index into {value}");
            }
            else
            {
                return value;
            }
        }
    }

    private object? Primary()
    {
        SkipSpaces();
        if (Accept('\''))
        {
            var text = new StringBuilder();
            while (true)
            {
                var c = _text[_at++];
                if (c == '\'')
                {
                    if (_at < _text.Length && _text[_at] == '\'')
                    {
                        text.Append('\'');
                        _at++;
                        continue;
                    }

                    return text.ToString();
                }

                text.Append(c);
            }
        }

        if (char.IsAsciiDigit(_text[_at]))
        {
            var start = _at;
            while (_at < _text.Length && char.IsAsciiDigit(_text[_at]))
            {
                _at++;
            }

            return long.Parse(_text[start.._at], CultureInfo.InvariantCulture);
        }

        var function = Identifier();
        Expect('(');
        if (function == "lambda")
        {
            throw Unsupported("a lambda outside map()");
        }

        if (function == "map")
        {
            var items = Expression() as IList<object?> ?? throw Unsupported("map over something not a list");
            Expect(',');
            if (Identifier() != "lambda")
            {
                throw Unsupported("map without a lambda");
            }

            Expect('(');
            var variable = (string)Expression()!;
            Expect(',');
            var body = _at;
            var results = new List<object?>();
            foreach (var item in items)
            {
                _at = body;
                _lambdaVariables[variable] = item;
                results.Add(Expression());
            }

            Expect(')');
            Expect(')');
            return results;
        }

        var arguments = new List<object?>();
        SkipSpaces();
        if (!Accept(')'))
        {
            do
            {
                arguments.Add(Expression());
                SkipSpaces();
            }
            while (Accept(','));

            Expect(')');
        }

        return Call(function, arguments);
    }

    private object? Call(string function, List<object?> arguments) => function switch
    {
        "variables" => template.Evaluate(template.Variables[(string)arguments[0]!], copyIndex),
        "parameters" => $"{{{arguments[0]}}}",
        "lambdaVariables" => _lambdaVariables[(string)arguments[0]!],
        "copyIndex" => (long)copyIndex,
        "concat" when arguments.All(a => a is IList<object?>) => arguments.SelectMany(a => (IList<object?>)a!).ToList(),
        "concat" => string.Concat(arguments.Select(Text)),
        "format" => string.Format(CultureInfo.InvariantCulture, (string)arguments[0]!, [.. arguments.Skip(1).Select(Text)]),
        "string" => Text(arguments[0]),
        "length" => arguments[0] is IList<object?> list ? list.Count : (long)Text(arguments[0]).Length,
        "subscriptionResourceId" => arguments[^1],
        _ => throw Unsupported($"function {function}()"),
    };

    private static string Text(object? value) => value switch
    {
        string s => s,
        long n => n.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "True" : "False",
        _ => throw new NotSupportedException($"ARM: cannot turn {value} into text."),
    };

    private string Identifier()
    {
        SkipSpaces();
        var start = _at;
        while (_at < _text.Length && (char.IsAsciiLetterOrDigit(_text[_at]) || _text[_at] == '_'))
        {
            _at++;
        }

        return _at > start ? _text[start.._at] : throw Unsupported($"no name at {start}");
    }

    private bool Accept(char c)
    {
        SkipSpaces();
        if (_at < _text.Length && _text[_at] == c)
        {
            _at++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        if (!Accept(c))
        {
            throw Unsupported($"'{c}' expected at {_at}");
        }
    }

    private void SkipSpaces()
    {
        while (_at < _text.Length && _text[_at] == ' ')
        {
            _at++;
        }
    }

    private NotSupportedException Unsupported(string what) => new($"{template.Name}: cannot evaluate [{_text}]: {what}.");
}
