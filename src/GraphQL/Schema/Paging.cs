using System.Text;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using GraphQL.Types.Relay.DataObjects;
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
