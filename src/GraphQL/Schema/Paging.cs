using System.Linq.Expressions;
using System.Text;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using GraphQL.Types.Relay.DataObjects;
using Marten;
using PanguGraph.Domain.Common;

namespace PanguGraph.GraphQL.Schema;

/// <summary>
/// Relay cursor pagination. Cursors are opaque base64 strings of a sort key; `first` defaults
/// to 20 and is capped at 100.
/// </summary>
public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static FieldBuilder<TSource, object> WithPaging<TSource>(this FieldBuilder<TSource, object> field) =>
        field
            .Argument<IntGraphType>("first", $"Page size, {DefaultPageSize} when omitted, at most {MaxPageSize}.")
            .Argument<StringGraphType>("after", "Cursor of the last item of the previous page.");

    public static (int First, string? After) Read(IResolveFieldContext context)
    {
        var first = context.GetArgument<int?>("first") ?? DefaultPageSize;
        if (first < 0 || first > MaxPageSize)
        {
            throw context.ToExecutionError(Errors.Invalid(
                "first",
                $"use a page size between 0 and {MaxPageSize}; {first} was given.",
                $"分页大小须在 0 到 {MaxPageSize} 之间，当前为 {first}。"));
        }

        var after = context.GetArgument<string?>("after");
        return (first, after is null ? null : Decode(context, after));
    }

    /// <summary>
    /// Builds a page from up to first + 1 items: the extra item only shows whether there is a next page.
    /// </summary>
    public static Connection<T> ToConnection<T>(IReadOnlyList<T> items, int first, Func<T, string> sortKey, int? totalCount)
    {
        var page = items.Take(first).ToList();
        var edges = page.Select(item => new Edge<T> { Node = item, Cursor = Encode(sortKey(item)) }).ToList();
        return new Connection<T>
        {
            Edges = edges,
            TotalCount = totalCount,
            PageInfo = new PageInfo
            {
                HasNextPage = items.Count > first,
                HasPreviousPage = false,
                StartCursor = edges.FirstOrDefault()?.Cursor,
                EndCursor = edges.LastOrDefault()?.Cursor,
            },
        };
    }

    /// <summary>
    /// Reads one page of a read model ordered newest first by its sort key string: counts the
    /// filtered total, skips to the cursor and fetches first + 1 documents.
    /// </summary>
    public static async Task<Connection<T>> PageBySortKeyAsync<T>(
        IQueryable<T> query, Expression<Func<T, string>> sortKey, int first, string? after, CancellationToken cancellationToken)
        where T : notnull
    {
        var total = await query.CountAsync(cancellationToken);
        if (after is not null)
        {
            // Builds `x => x.SortKey.CompareTo(after) < 0`, which Marten translates to a string comparison.
            var compare = Expression.Call(sortKey.Body, typeof(string).GetMethod(nameof(string.CompareTo), [typeof(string)])!, Expression.Constant(after));
            var before = Expression.Lambda<Func<T, bool>>(Expression.LessThan(compare, Expression.Constant(0)), sortKey.Parameters);
            query = query.Where(before);
        }

        var page = await query.OrderByDescending(sortKey).Take(first + 1).ToListAsync(cancellationToken);
        return ToConnection(page, first, sortKey.Compile(), total);
    }

    public static string Encode(string sortKey) => Convert.ToBase64String(Encoding.UTF8.GetBytes(sortKey));

    private static string Decode(IResolveFieldContext context, string cursor)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
        }
        catch (FormatException)
        {
            throw context.ToExecutionError(Errors.Invalid(
                "after",
                "the cursor is not one this API returned. Pass an endCursor from a previous page.",
                "游标无效。请使用上一页返回的 endCursor。"));
        }
    }
}
