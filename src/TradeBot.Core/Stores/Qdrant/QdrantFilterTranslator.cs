using System.Collections;
using System.Globalization;
using System.Linq.Expressions;
using Qdrant.Client.Grpc;
using Expression = System.Linq.Expressions.Expression;

namespace TradeBot.Core.Stores.Qdrant;

/// <summary>
/// Translates the pipeline's LINQ filters over <see cref="PassageRecord"/> into a server-side Qdrant <see cref="Filter"/>
/// built from the client's <see cref="Conditions"/>.
/// Supported: equality (and inequality) on ArticleId, Source and StoryId; comparisons on Published; <c>&amp;&amp;</c>,
/// <c>||</c>, <c>!</c>; <c>values.Contains(r.Source)</c>. Values may be constants or captured variables.
/// </summary>
internal static class QdrantFilterTranslator
{
    public static Filter? Translate(Expression<Func<PassageRecord, bool>>? filter)
    {
        if (filter is null)
        {
            return null;
        }
        var condition = Visit(filter.Body, filter.Parameters[0]);
        return condition switch
        {
            null => null,
            { ConditionOneOfCase: Condition.ConditionOneOfOneofCase.Filter } => condition.Filter,
            _ => new Filter { Must = { condition } },
        };
    }

    public static string FormatDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static Condition? Visit(Expression expression, ParameterExpression record)
    {
        switch (expression)
        {
            case BinaryExpression { NodeType: ExpressionType.AndAlso } and:
            {
                var parts = new List<Condition>();
                Flatten(and, ExpressionType.AndAlso, record, parts);
                return Conditions.Filter(new Filter { Must = { parts } });
            }
            case BinaryExpression { NodeType: ExpressionType.OrElse } or:
            {
                var parts = new List<Condition>();
                Flatten(or, ExpressionType.OrElse, record, parts);
                return Conditions.Filter(new Filter { Should = { parts } });
            }
            case UnaryExpression { NodeType: ExpressionType.Not } not:
                return Conditions.Filter(new Filter { MustNot = { Visit(not.Operand, record) ?? throw Unsupported(not) } });
            case ConstantExpression { Value: true }:
                return null;
            case BinaryExpression binary:
                return Comparison(binary, record);
            case MethodCallExpression call when call.Method.Name == nameof(Enumerable.Contains):
                return Contains(call, record);
            default:
                throw Unsupported(expression);
        }
    }

    private static void Flatten(BinaryExpression node, ExpressionType type, ParameterExpression record, List<Condition> parts)
    {
        foreach (var side in new[] { node.Left, node.Right })
        {
            if (side is BinaryExpression inner && inner.NodeType == type)
            {
                Flatten(inner, type, record, parts);
            }
            else if (Visit(side, record) is { } condition)
            {
                parts.Add(condition);
            }
        }
    }

    private static Condition Comparison(BinaryExpression binary, ParameterExpression record)
    {
        var (member, valueExpression, op) = FieldOnLeft(binary, record);
        var value = Evaluate(valueExpression);
        switch (member)
        {
            case nameof(PassageRecord.ArticleId) or nameof(PassageRecord.Source) or nameof(PassageRecord.StoryId):
            {
                if (value is not string text)
                {
                    throw new NotSupportedException($"Qdrant filter: {member} can only be compared with a non-null string, in '{binary}'.");
                }
                var match = Conditions.MatchKeyword(PayloadKey(member), text);
                return op switch
                {
                    ExpressionType.Equal => match,
                    ExpressionType.NotEqual => Conditions.Filter(new Filter { MustNot = { match } }),
                    _ => throw new NotSupportedException($"Qdrant filter: {member} supports only == and !=, in '{binary}'."),
                };
            }
            case nameof(PassageRecord.Published):
            {
                if (value is not DateTimeOffset date)
                {
                    throw new NotSupportedException($"Qdrant filter: Published can only be compared with a non-null DateTimeOffset, in '{binary}'.");
                }
                var bound = date.UtcDateTime;
                return op switch
                {
                    ExpressionType.GreaterThan => Conditions.DatetimeRange(QdrantNames.Published, gt: bound),
                    ExpressionType.GreaterThanOrEqual => Conditions.DatetimeRange(QdrantNames.Published, gte: bound),
                    ExpressionType.LessThan => Conditions.DatetimeRange(QdrantNames.Published, lt: bound),
                    ExpressionType.LessThanOrEqual => Conditions.DatetimeRange(QdrantNames.Published, lte: bound),
                    ExpressionType.Equal => Conditions.DatetimeRange(QdrantNames.Published, gte: bound, lte: bound),
                    _ => throw new NotSupportedException($"Qdrant filter: Published does not support {op}, in '{binary}'."),
                };
            }
            default:
                throw new NotSupportedException($"Qdrant filter: the field {member} cannot be filtered on; use ArticleId, Source, StoryId or Published, in '{binary}'.");
        }
    }

    private static Condition Contains(MethodCallExpression call, ParameterExpression record)
    {
        // values.Contains(r.Source): instance (List<T>.Contains) or static (Enumerable.Contains / MemoryExtensions).
        var (collection, item) = call.Object is null && call.Arguments.Count == 2
            ? (call.Arguments[0], call.Arguments[1])
            : (call.Object, call.Arguments.Count == 1 ? call.Arguments[0] : null);
        if (collection is null || item is null || FieldName(item, record) is not { } member
            || member is not (nameof(PassageRecord.ArticleId) or nameof(PassageRecord.Source) or nameof(PassageRecord.StoryId)))
        {
            throw Unsupported(call);
        }
        if (Evaluate(StripSpanConversion(StripConversions(collection))) is not IEnumerable values)
        {
            throw Unsupported(call);
        }
        var list = values.Cast<object?>().Select(v => v as string ?? throw Unsupported(call)).ToList();
        return Conditions.Match(PayloadKey(member), list);
    }

    private static (string Member, Expression Value, ExpressionType Op) FieldOnLeft(BinaryExpression binary, ParameterExpression record)
    {
        if (FieldName(binary.Left, record) is { } left && !References(binary.Right, record))
        {
            return (left, binary.Right, binary.NodeType);
        }
        if (FieldName(binary.Right, record) is { } right && !References(binary.Left, record))
        {
            var flipped = binary.NodeType switch
            {
                ExpressionType.GreaterThan => ExpressionType.LessThan,
                ExpressionType.GreaterThanOrEqual => ExpressionType.LessThanOrEqual,
                ExpressionType.LessThan => ExpressionType.GreaterThan,
                ExpressionType.LessThanOrEqual => ExpressionType.GreaterThanOrEqual,
                var same => same,
            };
            return (right, binary.Left, flipped);
        }
        throw Unsupported(binary);
    }

    private static string? FieldName(Expression expression, ParameterExpression record) =>
        StripConversions(expression) is MemberExpression { Expression: ParameterExpression p } member && p == record
            ? member.Member.Name
            : null;

    private static Expression StripConversions(Expression expression)
    {
        while (expression is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert)
        {
            expression = convert.Operand;
        }
        return expression;
    }

    /// <summary>
    /// C# 14 binds <c>array.Contains(x)</c> to <c>MemoryExtensions.Contains</c> through an implicit conversion to a
    /// span, which cannot be boxed; the array itself is what the filter needs.
    /// </summary>
    private static Expression StripSpanConversion(Expression expression) =>
        expression is MethodCallExpression { Method.Name: "op_Implicit", Arguments: [var source] } call
            && call.Type.IsGenericType
            && (call.Type.GetGenericTypeDefinition() == typeof(ReadOnlySpan<>) || call.Type.GetGenericTypeDefinition() == typeof(Span<>))
            ? source
            : expression;

    private static bool References(Expression expression, ParameterExpression record)
    {
        var finder = new ParameterFinder(record);
        finder.Visit(expression);
        return finder.Found;
    }

    private static object? Evaluate(Expression expression) => expression switch
    {
        ConstantExpression constant => constant.Value,
        _ => Expression.Lambda<Func<object?>>(Expression.Convert(expression, typeof(object))).Compile(preferInterpretation: true)(),
    };

    private static string PayloadKey(string member) => member switch
    {
        nameof(PassageRecord.ArticleId) => QdrantNames.ArticleId,
        nameof(PassageRecord.Source) => QdrantNames.Source,
        nameof(PassageRecord.StoryId) => QdrantNames.StoryId,
        _ => throw new NotSupportedException($"Qdrant filter: no payload key for {member}."),
    };

    private static NotSupportedException Unsupported(Expression expression) =>
        new($"Qdrant filter: the expression '{expression}' is not supported. Use ==/!= on ArticleId, Source or StoryId, comparisons on Published, values.Contains(r.Source), combined with &&, || and !.");

    private sealed class ParameterFinder(ParameterExpression record) : ExpressionVisitor
    {
        public bool Found { get; private set; }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            Found |= node == record;
            return node;
        }
    }
}
