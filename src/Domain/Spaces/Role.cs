namespace PanguGraph.Domain.Spaces;

/// <summary>
/// Roles a member can hold in a space. Stored as their names, so the order carries no meaning.
/// SuperAdmin is platform-wide and is granted to a user, not to a membership.
/// </summary>
public enum Role
{
    SuperAdmin,
    Admin,
    AnnotationAdmin,
    Annotator,
    Reviewer,
    Developer,
    Auditor,
}

/// <summary>
/// Actions guarded by role. Each decision checks the permission it needs.
/// </summary>
public enum Permission
{
    ReadSpace,
    ManageSpace,
    ManageMembers,
    IssueApiKeys,
    ManageDatasets,
    ReadHistory,
    CreateAnnotationTasks,
    Annotate,
    ReviewAnnotations,
    ManageAnnotationTasks,
}

public static class RolePermissions
{
    private static readonly Dictionary<Role, Permission[]> Granted = new()
    {
        [Role.SuperAdmin] = Enum.GetValues<Permission>().Except([Permission.ReviewAnnotations]).ToArray(),
        [Role.Admin] = Enum.GetValues<Permission>().Except([Permission.ReviewAnnotations]).ToArray(),
        [Role.AnnotationAdmin] = [Permission.ReadSpace, Permission.ManageDatasets, Permission.ReadHistory, Permission.CreateAnnotationTasks, Permission.Annotate, Permission.ManageAnnotationTasks],
        [Role.Developer] = [Permission.ReadSpace, Permission.ManageDatasets, Permission.ReadHistory],
        [Role.Annotator] = [Permission.ReadSpace, Permission.Annotate],
        [Role.Reviewer] = [Permission.ReadSpace, Permission.ReviewAnnotations],
        [Role.Auditor] = [Permission.ReadSpace, Permission.ReadHistory],
    };

    public static bool Allows(this Role role, Permission permission) => Granted[role].Contains(permission);

    public static IReadOnlyList<Permission> PermissionsOf(Role role) => Granted[role];
}
