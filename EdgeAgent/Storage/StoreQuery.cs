using LiteDB;

namespace EdgeAgent.Storage;

/// <summary>
/// The predicates of LiteDB's <see cref="Query"/> (<c>EQ</c>, <c>LT</c>, <c>LTE</c>, <c>GT</c>, <c>GTE</c>, <c>Between</c>,
/// <c>In</c>) with the value passed as a parameter: use these for any value that changes from call to call.
/// </summary>
/// <remarks>
/// LiteDB 5.0.21's <c>Query.GT("_id", 41)</c> writes the value into the expression's text (<c>_id &gt; 41</c>), and
/// <see cref="BsonExpression"/> compiles a delegate (Reflection.Emit) per distinct text and caches it in a static
/// dictionary for the life of the process. A query per new sequence number, id or timestamp therefore compiled one
/// more delegate on every call (measured: about a sixth of the shift scenario's CPU) and kept it forever (memory
/// that grows with every value ever queried). Here the text is <c>_id &gt; @0</c>: one per field and operator,
/// compiled once; LiteDB still picks the field's index for it (<c>StoreQueryTests</c>).
/// </remarks>
public static class StoreQuery
{
    /// <summary><paramref name="field"/> = <paramref name="value"/>.</summary>
    public static BsonExpression EQ(string field, BsonValue value) => Create(field, " = @0", value);

    /// <summary><paramref name="field"/> &lt; <paramref name="value"/>.</summary>
    public static BsonExpression LT(string field, BsonValue value) => Create(field, " < @0", value);

    /// <summary><paramref name="field"/> &lt;= <paramref name="value"/>.</summary>
    public static BsonExpression LTE(string field, BsonValue value) => Create(field, " <= @0", value);

    /// <summary><paramref name="field"/> &gt; <paramref name="value"/>.</summary>
    public static BsonExpression GT(string field, BsonValue value) => Create(field, " > @0", value);

    /// <summary><paramref name="field"/> &gt;= <paramref name="value"/>.</summary>
    public static BsonExpression GTE(string field, BsonValue value) => Create(field, " >= @0", value);

    /// <summary><paramref name="field"/> between <paramref name="start"/> and <paramref name="end"/>, both included.</summary>
    public static BsonExpression Between(string field, BsonValue start, BsonValue end)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        return BsonExpression.Create(field + " BETWEEN @0 AND @1", start ?? BsonValue.Null, end ?? BsonValue.Null);
    }

    /// <summary><paramref name="field"/> is one of <paramref name="values"/>.</summary>
    public static BsonExpression In(string field, IEnumerable<BsonValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Create(field, " IN @0", new BsonArray(values));
    }

    private static BsonExpression Create(string field, string comparison, BsonValue value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        return BsonExpression.Create(field + comparison, value ?? BsonValue.Null);
    }
}
