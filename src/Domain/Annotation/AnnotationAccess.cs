using PanguGraph.Domain.Common;
using PanguGraph.Domain.Spaces;

namespace PanguGraph.Domain.Annotation;

/// <summary>
/// Role rules of annotation work. Super admins, admins and annotation admins create, annotate and
/// manage tasks but never review. Annotators only annotate, reviewers only review, and auditors only read.
/// </summary>
public static class AnnotationAccess
{
    /// <summary>
    /// Checks a permission like <see cref="Space.Authorize"/>, except that a super admin is held to
    /// the super admin role's grants, because that role may not review.
    /// </summary>
    public static DomainError? Authorize(Space space, Caller caller, Permission permission)
    {
        if (caller.IsSuperAdmin)
        {
            return Role.SuperAdmin.Allows(permission) ? null : Errors.Forbidden(RoleNames.Of(permission), RoleNames.Of(Role.SuperAdmin));
        }

        return space.Authorize(caller, permission);
    }

    /// <summary>
    /// Whether a member may take items of a duty: allocation and transfer targets need it.
    /// </summary>
    public static bool CanHold(Space space, string userId, Duty duty) =>
        space.RoleOf(userId) is { } role && role.Allows(duty == Duty.Annotation ? Permission.Annotate : Permission.ReviewAnnotations);
}
