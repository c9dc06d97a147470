using System.Collections;
using System.Linq.Expressions;
using Microsoft.Data.Sqlite;

namespace TradeBot.Core.Stores.Embedded;

/// <summary>
/// Translates a filter over <see cref="PassageRecord"/> into a SQL condition on the passages table: comparisons of
/// ArticleId, Source, StoryId, Ordinal and Published with constants or captured values, <c>&amp;&amp;</c>, <c>||</c>,
/// <c>!</c>, and <c>values.Contains(r.Field)</c>.
/// </summary>
internal sealed class SqlFilterTranslator
{
    private static readonly Dictionary<string, string> s_columns = new(StringComparer.Ordinal)
    {
        [nameof(PassageRecord.ArticleId)] = "p.article_id",
        [nameof(PassageRecord.Source)] = "p.source",
        [nameof(PassageRecord.StoryId)] = "p.story_id",
        [nameof(PassageRecord.Ordinal)] = "p.ordinal",
        [nameof(PassageRecord.Published)] = "p.published",
        [nameof(PassageRecord.Title)] = "p.title",
    };

    private readonly List<SqliteParameter> _parameters = [];

    public IReadOnlyList<SqliteParameter> Parameters => _parameters;

    public static (string Sql, IReadOnlyList<SqliteParameter> Parameters) Translate(Expression<Func<PassageRecord, bool>>? filter)
    {
        if (filter is null)
        {
            return ("1=1", []);
        }
        var translator = new SqlFilterTranslator();
        return (translator.Visit(filter.Body), translator.Parameters);
    }

    private string Visit(Expression expression) => expression switch
    {
        BinaryExpression { NodeType: ExpressionType.AndAlso } b => $"({Visit(b.Left)} AND {Visit(b.Right)})",
        BinaryExpression { NodeType: ExpressionType.OrElse } b => $"({Visit(b.Left)} OR {Visit(b.Right)})",
        UnaryExpression { NodeType: ExpressionType.Not } u => $"(NOT {Visit(u.Operand)})",
        BinaryExpression b when Operator(b.NodeType) is { } op => Comparison(b, op),
        MethodCallExpression call when call.Method.Name == nameof(Enumerable.Contains) => Contains(call),
        MemberExpression m when m.Type == typeof(bool) && m.Member.Name == "HasValue" && Column(m.Expression!) is { } column => $"{column} IS NOT NULL",
        _ => throw new NotSupportedException($"The embedded store cannot filter on '{expression}'."),
    };

    private string Comparison(BinaryExpression binary, string op)
    {
        var (columnSide, valueSide, flipped) = Column(binary.Left) is not null ? (binary.Left, binary.Right, false) : (binary.Right, binary.Left, true);
        var column = Column(columnSide) ?? throw new NotSupportedException($"The embedded store cannot filter on '{binary}': one side must be a field of the passage.");
        var value = ToDb(Evaluate(valueSide));
        if (value is DBNull)
        {
            return op switch
            {
                "=" => $"{column} IS NULL",
                "<>" => $"{column} IS NOT NULL",
                _ => "0=1",
            };
        }
        if (flipped)
        {
            op = op switch { "<" => ">", ">" => "<", "<=" => ">=", ">=" => "<=", _ => op };
        }
        return $"{column} {op} {Parameter(value)}";
    }

    private string Contains(MethodCallExpression call)
    {
        var (collection, item) = call.Object is null ? (call.Arguments[0], call.Arguments[1]) : (call.Object, call.Arguments[0]);
        collection = WithoutSpanConversion(collection);
        var column = Column(item) ?? throw new NotSupportedException($"The embedded store cannot filter on '{call}'.");
        var values = ((IEnumerable?)Evaluate(collection) ?? Array.Empty<object>()).Cast<object?>().Select(ToDb).ToList();
        return values.Count == 0 ? "0=1" : $"{column} IN ({string.Join(", ", values.Select(Parameter))})";
    }

    /// <summary>C# 14 binds <c>array.Contains(x)</c> to MemoryExtensions.Contains over an implicit span conversion: read the array itself.</summary>
    private static Expression WithoutSpanConversion(Expression collection) => collection switch
    {
        MethodCallExpression { Method.Name: "op_Implicit", Arguments: [var source] } => WithoutSpanConversion(source),
        UnaryExpression { NodeType: ExpressionType.Convert, Operand: var source } => WithoutSpanConversion(source),
        _ => collection,
    };

    private string Parameter(object value)
    {
        var name = $"$f{_parameters.Count}";
        _parameters.Add(new SqliteParameter(name, value));
        return name;
    }

    private static string? Column(Expression expression)
    {
        while (expression is UnaryExpression { NodeType: ExpressionType.Convert } convert)
        {
            expression = convert.Operand;
        }
        if (expression is MemberExpression { Member.Name: "Value", Expression: { } inner } && Nullable.GetUnderlyingType(inner.Type) is not null)
        {
            expression = inner;
        }
        return expression is MemberExpression { Expression: ParameterExpression } member && s_columns.TryGetValue(member.Member.Name, out var column)
            ? column
            : null;
    }

    private static object? Evaluate(Expression expression) =>
        expression is ConstantExpression constant
            ? constant.Value
            : Expression.Lambda(Expression.Convert(expression, typeof(object))).Compile(preferInterpretation: true).DynamicInvoke();

    private static object ToDb(object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset date => date.ToUnixTimeMilliseconds(),
        DateTime date => new DateTimeOffset(date.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(date, DateTimeKind.Utc) : date).ToUnixTimeMilliseconds(),
        Guid id => id.ToString("D"),
        _ => value,
    };

    private static string? Operator(ExpressionType type) => type switch
    {
        ExpressionType.Equal => "=",
        ExpressionType.NotEqual => "<>",
        ExpressionType.LessThan => "<",
        ExpressionType.LessThanOrEqual => "<=",
        ExpressionType.GreaterThan => ">",
        ExpressionType.GreaterThanOrEqual => ">=",
        _ => null,
    };
}
