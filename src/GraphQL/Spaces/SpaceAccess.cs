using GraphQL;
using Marten;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Spaces;
using PanguGraph.GraphQL.Schema;
using PanguGraph.Projections.Spaces;

namespace PanguGraph.GraphQL.Spaces;

/// <summary>
/// Read-side authorization: every query that touches a space checks the caller's membership.
/// </summary>
public static class SpaceAccess
{
    public static async Task<SpaceView> RequireAsync(IResolveFieldContext context, Guid spaceId, Permission permission)
    {
        var caller = context.RequireCaller();
        var session = context.Service<IQuerySession>();
        var space = await session.LoadAsync<SpaceView>(spaceId, context.CancellationToken)
                    ?? throw context.ToExecutionError(Errors.NotFound("space", spaceId));
        var error = space.ToSpace().Authorize(caller, permission);
        if (error is not null)
        {
            throw context.ToExecutionError(error);
        }

        return space;
    }

    /// <summary>
    /// Like RequireAsync, but a missing space or missing membership reads as "not found" so that
    /// ids from other spaces reveal nothing.
    /// </summary>
    public static async Task<SpaceView?> FindReadableAsync(IResolveFieldContext context, Guid spaceId, Permission permission = Permission.ReadSpace)
    {
        var caller = context.RequireCaller();
        var space = await context.Service<IQuerySession>().LoadAsync<SpaceView>(spaceId, context.CancellationToken);
        return space is not null && space.ToSpace().Authorize(caller, permission) is null ? space : null;
    }
}
