using GraphQL;
using JasperFx.Events;
using Microsoft.Extensions.Logging;
using PanguGraph.Domain.Common;
using Wolverine;

namespace PanguGraph.GraphQL.Schema;

/// <summary>
/// Sends a mutation's command to its Wolverine handler and turns rejections and concurrency
/// conflicts into payload errors.
/// </summary>
public static class CommandSender
{
    public static async Task<(CommandOutcome? Outcome, IReadOnlyList<UserError> Errors)> SendAsync(
        this IResolveFieldContext context, object command, string kind, object id)
    {
        var bus = context.Service<IMessageBus>();
        try
        {
            var outcome = await bus.InvokeAsync<CommandOutcome>(command, context.CancellationToken);
            return outcome.Error is null ? (outcome, []) : (null, [context.ToUserError(outcome.Error)]);
        }
        catch (Exception exception) when (IsConcurrencyConflict(exception))
        {
            context.Service<ILogger<CommandOutcome>>().LogInformation(
                "Concurrency conflict on {Kind} {Id} for {Command}", kind, id, command.GetType().Name);
            return (null, [context.ToUserError(Errors.ConcurrencyConflict(kind, id))]);
        }
    }

    public static UserError ToUserError(this IResolveFieldContext context, DomainError error) =>
        new(error.Code, error.MessageFor(context.Pangu().Culture), error.Field);

    /// <summary>
    /// Marten raises different exception types for a stale expected version, a stream id that is
    /// already taken, and a conflicting concurrent append. All three mean that someone else wrote first.
    /// </summary>
    private static bool IsConcurrencyConflict(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is ExistingStreamIdCollisionException)
            {
                return true;
            }

            for (var type = current.GetType(); type is not null; type = type.BaseType)
            {
                if (type.Name is "ConcurrencyException" or "EventStreamUnexpectedMaxEventIdException")
                {
                    return true;
                }
            }
        }

        return false;
    }
}
