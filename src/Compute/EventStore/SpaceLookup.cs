using Marten;
using PanguGraph.Domain.Spaces;
using PanguGraph.Projections.Spaces;

namespace PanguGraph.Compute.EventStore;

public static class SpaceLookup
{
    /// <summary>
    /// Loads a space's members and roles for an authorization decision from the inline SpaceView,
    /// one document read instead of replaying the space's stream, which grows with every member
    /// change. Inline projections commit with their events, so the view is never behind.
    /// </summary>
    public static async Task<Space?> LoadSpaceAsync(this IQuerySession session, Guid spaceId, CancellationToken cancellationToken) =>
        (await session.LoadAsync<SpaceView>(spaceId, cancellationToken))?.ToSpace();
}
