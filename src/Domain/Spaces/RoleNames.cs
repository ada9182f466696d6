namespace PanguGraph.Domain.Spaces;

/// <summary>
/// Names of roles and permissions as people read them in error messages, in English and Chinese.
/// </summary>
public static class RoleNames
{
    public static (string En, string Zh) Of(Role role) => role switch
    {
        Role.SuperAdmin => ("super admin", "超级管理员"),
        Role.Admin => ("admin", "管理员"),
        Role.AnnotationAdmin => ("annotation admin", "标注管理员"),
        Role.Annotator => ("annotator", "标注员"),
        Role.Reviewer => ("reviewer", "审核员"),
        Role.Developer => ("developer", "开发人员"),
        Role.Auditor => ("auditor", "审计员"),
        _ => (role.ToString(), role.ToString()),
    };

    public static (string En, string Zh) Of(Permission permission) => permission switch
    {
        Permission.ReadSpace => ("read this space", "查看该空间"),
        Permission.ManageSpace => ("change the space's settings", "修改空间设置"),
        Permission.ManageMembers => ("manage members", "管理成员"),
        Permission.IssueApiKeys => ("issue API keys for other members", "为其他成员签发 API 密钥"),
        Permission.ManageDatasets => ("create, edit or delete datasets and data tasks", "创建、编辑或删除数据集与数据任务"),
        Permission.ReadHistory => ("read asset history", "查看资产历史"),
        Permission.CreateAnnotationTasks => ("create annotation tasks", "创建标注任务"),
        Permission.Annotate => ("annotate items", "执行标注作业"),
        Permission.ReviewAnnotations => ("review annotations", "审核标注结果"),
        Permission.ManageAnnotationTasks => ("manage annotation tasks", "管理标注任务"),
        _ => (permission.ToString(), permission.ToString()),
    };
}
