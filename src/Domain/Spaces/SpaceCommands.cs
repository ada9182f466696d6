using PanguGraph.Domain.Common;

namespace PanguGraph.Domain.Spaces;

public sealed record CreateSpace(Caller Caller, Guid SpaceId, string Name, string? Description);

public sealed record RenameSpace(Caller Caller, Guid SpaceId, string Name, string? Description, long? ExpectedVersion);

/// <summary>
/// Adds a member or changes the role of an existing one. A user id that is not registered yet is
/// registered on the way, with the given display name.
/// </summary>
public sealed record AddMember(Caller Caller, Guid SpaceId, string UserId, string? DisplayName, Role Role);

public sealed record RemoveMember(Caller Caller, Guid SpaceId, string UserId);
