using NodaTime;
using PanguGraph.Domain.Common;

namespace PanguGraph.Domain.Spaces;

/// <summary>
/// Write model of a space: its members and their roles. Built from the space's stream by
/// <see cref="Evolve"/>; decisions read it and return events.
/// </summary>
public sealed record Space(Guid Id, string Name, string? Description, IReadOnlyDictionary<string, Role> Members)
{
    public const int MaxNameLength = 64;
    public const int MaxDescriptionLength = 1000;

    public static Space? Evolve(Space? state, object @event) => @event switch
    {
        SpaceCreated e => new Space(e.SpaceId, e.Name, e.Description, new Dictionary<string, Role>()),
        SpaceRenamed e when state is not null => state with { Name = e.Name, Description = e.Description },
        MemberAdded e when state is not null => state with { Members = With(state.Members, e.UserId, e.Role) },
        MemberRoleChanged e when state is not null => state with { Members = With(state.Members, e.UserId, e.Role) },
        MemberRemoved e when state is not null => state with { Members = Without(state.Members, e.UserId) },
        _ => state,
    };

    public Role? RoleOf(string userId) => Members.TryGetValue(userId, out var role) ? role : null;

    /// <summary>
    /// Checks that the caller may perform an action in this space. A super admin may do anything;
    /// everyone else needs a membership whose role grants the permission.
    /// </summary>
    public DomainError? Authorize(Caller caller, Permission permission)
    {
        if (caller.IsSuperAdmin)
        {
            return null;
        }

        var role = RoleOf(caller.UserId);
        if (role is null)
        {
            return Errors.NotMember(Id);
        }

        return role.Value.Allows(permission) ? null : Errors.Forbidden(RoleNames.Of(permission), RoleNames.Of(role.Value));
    }

    public static Decision Open(Guid spaceId, string name, string? description, Caller caller, Instant now)
    {
        var error = Text.RequireName(name, "name", MaxNameLength)
                    ?? Text.LimitLength(description, "description", MaxDescriptionLength);
        if (error is not null)
        {
            return error;
        }

        // The creator becomes the space's first admin, so a space is never without one.
        return Decision.Accept(
            new SpaceCreated(spaceId, name.Trim(), description, caller.UserId, now),
            new MemberAdded(spaceId, caller.UserId, Role.Admin, caller.UserId, now));
    }

    public Decision Rename(string name, string? description, Caller caller, Instant now)
    {
        var error = Authorize(caller, Permission.ManageSpace)
                    ?? Text.RequireName(name, "name", MaxNameLength)
                    ?? Text.LimitLength(description, "description", MaxDescriptionLength);
        if (error is not null)
        {
            return error;
        }

        if (Name == name.Trim() && Description == description)
        {
            return Decision.Accept();
        }

        return Decision.Accept(new SpaceRenamed(Id, name.Trim(), description, caller.UserId, now));
    }

    public Decision AddMember(string userId, Role role, Caller caller, Instant now)
    {
        var error = Authorize(caller, Permission.ManageMembers);
        if (error is not null)
        {
            return error;
        }

        if (role == Role.SuperAdmin)
        {
            return SpaceErrors.SuperAdminIsPlatformWide();
        }

        var current = RoleOf(userId);
        if (current == Role.Admin && role != Role.Admin && Members.Values.Count(r => r == Role.Admin) == 1)
        {
            return SpaceErrors.LastAdmin(userId);
        }

        return current switch
        {
            null => Decision.Accept(new MemberAdded(Id, userId, role, caller.UserId, now)),
            _ when current == role => Decision.Accept(),
            _ => Decision.Accept(new MemberRoleChanged(Id, userId, role, caller.UserId, now)),
        };
    }

    public Decision RemoveMember(string userId, Caller caller, Instant now)
    {
        var error = Authorize(caller, Permission.ManageMembers);
        if (error is not null)
        {
            return error;
        }

        var role = RoleOf(userId);
        if (role is null)
        {
            return SpaceErrors.NotAMember(userId, Id);
        }

        var adminCount = Members.Values.Count(r => r == Role.Admin);
        if (role == Role.Admin && adminCount == 1)
        {
            return SpaceErrors.LastAdmin(userId);
        }

        return Decision.Accept(new MemberRemoved(Id, userId, caller.UserId, now));
    }

    private static Dictionary<string, Role> With(IReadOnlyDictionary<string, Role> members, string userId, Role role) =>
        new(members) { [userId] = role };

    private static Dictionary<string, Role> Without(IReadOnlyDictionary<string, Role> members, string userId)
    {
        var copy = new Dictionary<string, Role>(members);
        copy.Remove(userId);
        return copy;
    }
}

public static class SpaceErrors
{
    public static DomainError SuperAdminIsPlatformWide() => new(
        "INVALID_ROLE",
        "SuperAdmin is a platform-wide role and cannot be given inside a space. Choose Admin instead.",
        "超级管理员是平台级角色，不能在空间内授予。请改选管理员。",
        ["role"]);

    public static DomainError NotAMember(string userId, Guid spaceId) => new(
        "NOT_A_MEMBER",
        $"User '{userId}' is not a member of space {spaceId}.",
        $"用户“{userId}”不是空间 {spaceId} 的成员。",
        ["userId"]);

    public static DomainError LastAdmin(string userId) => new(
        "LAST_ADMIN",
        $"User '{userId}' is the space's only admin and cannot be removed or given another role. Make another member admin first.",
        $"用户“{userId}”是该空间唯一的管理员，不能被移除或改为其他角色。请先将其他成员设为管理员。",
        ["userId"]);
}
