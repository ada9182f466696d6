using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using PanguGraph.Domain.Common;
using PanguGraph.GraphQL.Transport;

namespace PanguGraph.GraphQL.Schema;

public static class ResolverContext
{
    public static PanguUserContext Pangu(this IResolveFieldContext context) =>
        context.UserContext as PanguUserContext
        ?? throw new InvalidOperationException("The GraphQL user context is not a PanguUserContext; requests must go through the Pangu transports.");

    public static T Service<T>(this IResolveFieldContext context) where T : notnull =>
        (context.RequestServices ?? context.Pangu().RequestServices).GetRequiredService<T>();

    /// <summary>
    /// Returns the authenticated caller or raises UNAUTHENTICATED.
    /// </summary>
    public static Caller RequireCaller(this IResolveFieldContext context) =>
        context.Pangu().Caller ?? throw context.ToExecutionError(Errors.Unauthenticated());

    public static ExecutionError ToExecutionError(this IResolveFieldContext context, DomainError error)
    {
        var culture = (context.UserContext as PanguUserContext)?.Culture ?? System.Globalization.CultureInfo.InvariantCulture;
        var executionError = new ExecutionError(error.MessageFor(culture)) { Code = error.Code };
        if (error.Field is not null)
        {
            executionError.Data["field"] = error.Field;
        }

        return executionError;
    }
}
