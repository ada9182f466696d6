using JasperFx.Events;
using Marten.Events.Aggregation;
using NodaTime;
using PanguGraph.Projections.Configuration;
using PanguGraph.Domain.Spaces;

namespace PanguGraph.Projections.Spaces;

public sealed class MemberView
{
    public string UserId { get; set; } = "";
    public Role Role { get; set; }
    public Instant AddedAt { get; set; }
}

/// <summary>
/// Read model of a space with its members. MemberIds duplicates the member list's user ids so
/// that "spaces of user X" is one indexed containment query.
/// </summary>
public sealed class SpaceView
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public List<MemberView> Members { get; set; } = [];
    public List<string> MemberIds { get; set; } = [];
    public string CreatedBy { get; set; } = "";
    public Instant CreatedAt { get; set; }
    public Instant UpdatedAt { get; set; }
    public long Version { get; set; }

    /// <summary>
    /// Cursor and sort key: creation time in Unix milliseconds (15 digits) and the id, so that
    /// string order equals creation order and ties are broken by id.
    /// </summary>
    public string SortKey { get; set; } = "";

    public Role? RoleOf(string userId) => Members.FirstOrDefault(m => m.UserId == userId)?.Role;

    /// <summary>
    /// Rebuilds the domain's write model from this view, for authorization checks on reads.
    /// </summary>
    public Space ToSpace() => new(Id, Name, Description, Members.ToDictionary(m => m.UserId, m => m.Role));
}

public sealed class SpaceViewProjection : SingleStreamProjection<SpaceView, Guid>
{
    public override SpaceView? Evolve(SpaceView? view, Guid id, IEvent e)
    {
        switch (e.Data)
        {
            case SpaceCreated created:
                view = new SpaceView
                {
                    Id = created.SpaceId,
                    Name = created.Name,
                    Description = created.Description,
                    CreatedBy = created.CreatedBy,
                    CreatedAt = created.At,
                    UpdatedAt = created.At,
                    SortKey = SortKeys.For(created.At, created.SpaceId),
                };
                break;
            case SpaceRenamed renamed when view is not null:
                view.Name = renamed.Name;
                view.Description = renamed.Description;
                view.UpdatedAt = renamed.At;
                break;
            case MemberAdded added when view is not null:
                view.Members.Add(new MemberView { UserId = added.UserId, Role = added.Role, AddedAt = added.At });
                view.MemberIds.Add(added.UserId);
                view.UpdatedAt = added.At;
                break;
            case MemberRoleChanged changed when view is not null:
                view.Members.First(m => m.UserId == changed.UserId).Role = changed.Role;
                view.UpdatedAt = changed.At;
                break;
            case MemberRemoved removed when view is not null:
                view.Members.RemoveAll(m => m.UserId == removed.UserId);
                view.MemberIds.Remove(removed.UserId);
                view.UpdatedAt = removed.At;
                break;
            default:
                return view;
        }

        // Business time from the event, not the stored timestamp, so a rebuild gives the same value.
        view.Version = e.Version;
        return view;
    }
}
