using NodaTime;

namespace PanguGraph.Domain.Spaces;

public sealed record SpaceCreated(Guid SpaceId, string Name, string? Description, string CreatedBy, Instant At);

public sealed record SpaceRenamed(Guid SpaceId, string Name, string? Description, string By, Instant At);

public sealed record MemberAdded(Guid SpaceId, string UserId, Role Role, string By, Instant At);

public sealed record MemberRoleChanged(Guid SpaceId, string UserId, Role Role, string By, Instant At);

public sealed record MemberRemoved(Guid SpaceId, string UserId, string By, Instant At);
