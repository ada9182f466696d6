using NodaTime;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Spaces;

namespace PanguGraph.Domain.Datasets;

/// <summary>
/// Write model of a dataset and the decisions about it.
/// </summary>
public sealed record Dataset(
    Guid Id,
    Guid SpaceId,
    string Name,
    string? Description,
    Visibility Visibility,
    ExtendedInfo ExtendedInfo,
    string CreatedBy,
    bool IsDeleted)
{
    public const int MaxNameLength = 64;
    public const int MaxDescriptionLength = 1000;

    public static Dataset? Evolve(Dataset? state, object @event) => @event switch
    {
        DatasetImported e => new Dataset(e.DatasetId, e.SpaceId, e.Name, e.Description, e.Visibility, e.ExtendedInfo, e.By, false),
        Processing.Tasks.ProcessedDatasetCreated e => new Dataset(e.DatasetId, e.SpaceId, e.Name, e.Description, e.Visibility, e.ExtendedInfo, e.By, false),
        Annotation.AnnotatedDatasetCreated e => new Dataset(e.DatasetId, e.SpaceId, e.Name, null, e.Visibility, ExtendedInfo.Empty, e.By, false),
        DatasetDetailsEdited e when state is not null => state with
        {
            Name = e.Name, Description = e.Description, Visibility = e.Visibility, ExtendedInfo = e.ExtendedInfo,
        },
        DatasetDeleted when state is not null => state with { IsDeleted = true },
        _ => state,
    };

    /// <summary>
    /// Whether the caller may see this dataset: private datasets are visible to their creator,
    /// the space's admins and super admins only.
    /// </summary>
    public static bool IsVisibleTo(Visibility visibility, string createdBy, Space space, Caller caller)
    {
        if (space.Authorize(caller, Permission.ReadSpace) is not null)
        {
            return false;
        }

        return visibility == Visibility.Space
               || caller.IsSuperAdmin
               || caller.UserId == createdBy
               || space.RoleOf(caller.UserId) == Role.Admin;
    }

    /// <summary>
    /// Replaces name, description and visibility. Extended info is replaced when given and kept when null.
    /// </summary>
    public Decision EditDetails(string name, string? description, Visibility visibility, ExtendedInfo? extendedInfo, Space space, Caller caller, Instant now)
    {
        extendedInfo ??= ExtendedInfo;
        var error = Guard(space, caller)
                    ?? Text.RequireName(name, "name", MaxNameLength)
                    ?? Text.LimitLength(description, "description", MaxDescriptionLength)
                    ?? extendedInfo.Validate();
        if (error is not null)
        {
            return error;
        }

        return Decision.Accept(new DatasetDetailsEdited(Id, name.Trim(), description, visibility, extendedInfo, caller.UserId, now));
    }

    public Decision Delete(Space space, Caller caller, Instant now)
    {
        var error = Guard(space, caller);
        return error ?? Decision.Accept(new DatasetDeleted(Id, SpaceId, caller.UserId, now));
    }

    private DomainError? Guard(Space space, Caller caller)
    {
        if (!IsVisibleTo(Visibility, CreatedBy, space, caller))
        {
            return Errors.NotFound("dataset", Id);
        }

        return space.Authorize(caller, Permission.ManageDatasets)
               ?? (IsDeleted ? Errors.Deleted("dataset", Id) : null);
    }
}
