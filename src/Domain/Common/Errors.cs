namespace PanguGraph.Domain.Common;

/// <summary>
/// Errors shared by every capability. Capability-specific errors live beside their decisions.
/// </summary>
public static class Errors
{
    public static DomainError Unauthenticated() => new(
        "UNAUTHENTICATED",
        "No valid API key was presented. Send 'Authorization: Bearer <key>' with a key issued to you.",
        "未提供有效的 API 密钥。请在请求头中携带 'Authorization: Bearer <密钥>'。");

    public static DomainError Forbidden((string En, string Zh) action, (string En, string Zh) role) => new(
        "FORBIDDEN",
        $"Your role ({role.En}) may not {action.En}. Ask a space admin for a role that may.",
        $"您的角色（{role.Zh}）无权{action.Zh}。请联系空间管理员分配具备该权限的角色。");

    public static DomainError ForbiddenForOthersKeys() => new(
        "FORBIDDEN",
        "You may issue or revoke API keys only for yourself or for members of a space you administer.",
        "您只能为自己或您所管理空间的成员签发或吊销 API 密钥。");

    public static DomainError NotMember(Guid spaceId) => new(
        "FORBIDDEN",
        $"You are not a member of space {spaceId}. Ask one of its admins to add you.",
        $"您不是空间 {spaceId} 的成员。请联系该空间的管理员将您加入。");

    public static DomainError NotFound(string kind, object id) => new(
        "NOT_FOUND",
        $"The {kind} '{id}' does not exist or is not visible to you. Check the id.",
        $"{KindZh(kind)}“{id}”不存在或您无权查看。请检查 ID。");

    public static DomainError Required(string field) => new(
        "REQUIRED",
        $"'{field}' is required. Provide a value.",
        $"“{field}”为必填项，请填写。",
        [field]);

    public static DomainError TooLong(string field, int max) => new(
        "TOO_LONG",
        $"'{field}' is longer than {max} characters. Shorten it.",
        $"“{field}”超过 {max} 个字符，请缩短。",
        [field]);

    public static DomainError Invalid(string field, string reasonEn, string reasonZh) => new(
        "INVALID",
        $"'{field}' is invalid: {reasonEn}",
        $"“{field}”无效：{reasonZh}",
        [field]);

    public static DomainError ConcurrencyConflict(string kind, object id) => new(
        "CONCURRENCY_CONFLICT",
        $"The {kind} '{id}' was changed by someone else since you read it. Reload it and apply your change again.",
        $"{KindZh(kind)}“{id}”在您读取后已被他人修改。请刷新后重新提交修改。");

    public static DomainError Deleted(string kind, object id) => new(
        "DELETED",
        $"The {kind} '{id}' has been deleted and can no longer be changed.",
        $"{KindZh(kind)}“{id}”已被删除，无法再修改。");

    private static string KindZh(string kind) => kind switch
    {
        "space" => "空间",
        "dataset" => "数据集",
        "import task" => "导入任务",
        "user" => "用户",
        "API key" => "API 密钥",
        "asset" => "资产",
        "pipeline" => "流水线",
        "pipeline step" => "流水线步骤",
        "pipeline template" => "流水线模板",
        "processing task" => "加工任务",
        _ => kind,
    };
}
