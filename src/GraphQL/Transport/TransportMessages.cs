using System.Globalization;

namespace PanguGraph.GraphQL.Transport;

/// <summary>Errors raised by the transports themselves, before or around execution.</summary>
public enum TransportMessage
{
    UnknownApiKey,
    UnsupportedAuthorizationScheme,
    IntrospectionDisabled,
    InternalError,
    BodyTooLarge,
    UnsupportedContentType,
    MalformedJson,
    BodyNotObject,
    MissingQuery,
    InvalidParameter,
    MutationViaGet,
    SubscriptionViaHttp,
    NotAcceptable,
    MethodNotAllowed,
    GraphiQLMissing,
    DocumentSyntaxError,
    DocumentInvalid,
    InvalidArgumentValue,
}

/// <summary>
/// English and Chinese (zh-CN) texts of <see cref="TransportMessage"/>. The stable error codes
/// live in <see cref="TransportErrorCodes"/>; only the human-readable text is localised.
/// </summary>
public static class TransportMessages
{
    private static readonly Dictionary<TransportMessage, (string English, string Chinese)> Texts = new()
    {
        [TransportMessage.UnknownApiKey] = (
            "The API key is unknown or revoked. Send a valid key in the 'Authorization: Bearer <key>' or 'X-Api-Key' header.",
            "API 密钥不存在或已被吊销。请在 'Authorization: Bearer <密钥>' 或 'X-Api-Key' 请求头中提供有效的密钥。"),
        [TransportMessage.UnsupportedAuthorizationScheme] = (
            "The Authorization header uses the scheme '{0}', but only 'Bearer <api key>' is supported.",
            "Authorization 请求头使用了 '{0}' 方案，但仅支持 'Bearer <API 密钥>'。"),
        [TransportMessage.InvalidArgumentValue] = (
            "An argument has an invalid value: {0} Ids are UUIDs such as 01a242c1-c16d-75b6-8545-78ceda0aaab8.",
            "参数值无效：{0} ID 应为 UUID 格式，例如 01a242c1-c16d-75b6-8545-78ceda0aaab8。"),
        [TransportMessage.IntrospectionDisabled] = (
            "Introspection (__schema and __type) is disabled on this server.",
            "此服务器已关闭内省查询（__schema 和 __type）。"),
        [TransportMessage.InternalError] = (
            "An internal error occurred while executing this operation. It was logged; retry later or contact the operator.",
            "执行此操作时发生内部错误，错误已记录。请稍后重试或联系运维人员。"),
        [TransportMessage.BodyTooLarge] = (
            "The request body exceeds the limit of {0} bytes. Send a smaller document or fewer variables.",
            "请求体超过了 {0} 字节的上限。请发送更小的文档或更少的变量。"),
        [TransportMessage.UnsupportedContentType] = (
            "Content-Type '{0}' is not supported. Send the request body as application/json (UTF-8).",
            "不支持 Content-Type '{0}'。请以 application/json（UTF-8）格式发送请求体。"),
        [TransportMessage.MalformedJson] = (
            "The request is not valid JSON: {0}",
            "请求不是有效的 JSON：{0}"),
        [TransportMessage.BodyNotObject] = (
            "The request body must be a JSON object such as {\"query\": \"{ ... }\"}.",
            "请求体必须是 JSON 对象，例如 {\"query\": \"{ ... }\"}。"),
        [TransportMessage.MissingQuery] = (
            "The request has no GraphQL document. Put it in the 'query' parameter as a string.",
            "请求中缺少 GraphQL 文档。请将其作为字符串放在 'query' 参数中。"),
        [TransportMessage.InvalidParameter] = (
            "The '{0}' parameter is invalid: it must be {1}.",
            "参数 '{0}' 无效：它必须是{1}。"),
        [TransportMessage.MutationViaGet] = (
            "Only queries can be sent with GET. Send mutations with POST.",
            "GET 请求只能发送查询。请使用 POST 发送变更（mutation）。"),
        [TransportMessage.SubscriptionViaHttp] = (
            "Subscriptions are served over WebSocket only, with the graphql-transport-ws subprotocol.",
            "订阅仅通过 WebSocket（graphql-transport-ws 子协议）提供。"),
        [TransportMessage.NotAcceptable] = (
            "None of the media types in the Accept header is supported. Accept application/graphql-response+json or application/json.",
            "Accept 请求头中的媒体类型均不受支持。请接受 application/graphql-response+json 或 application/json。"),
        [TransportMessage.MethodNotAllowed] = (
            "HTTP method '{0}' is not allowed here. Use GET for queries and POST for queries and mutations.",
            "此处不允许使用 HTTP 方法 '{0}'。查询请使用 GET，查询和变更请使用 POST。"),
        [TransportMessage.GraphiQLMissing] = (
            "GraphiQL is not installed on this server (wwwroot/graphiql/index.html is missing).",
            "此服务器未安装 GraphiQL（缺少 wwwroot/graphiql/index.html）。"),
        [TransportMessage.DocumentSyntaxError] = (
            "{0}",
            "GraphQL 文档存在语法错误，请修正后重新发送。详情：{0}"),
        [TransportMessage.DocumentInvalid] = (
            "{0}",
            "GraphQL 文档未通过校验（例如字段不存在或变量无效），请对照 schema 修正后重新发送。详情：{0}"),
    };

    /// <summary>Formats the text of <paramref name="message"/> in zh-CN or, for any other culture, English.</summary>
    public static string Format(TransportMessage message, CultureInfo culture, params object[] arguments)
    {
        var (english, chinese) = Texts[message];
        var template = RequestCulture.IsChinese(culture) ? chinese : english;
        return arguments.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, arguments);
    }

    /// <summary>Chinese or English wording of the expected shape in an <see cref="TransportMessage.InvalidParameter"/> error.</summary>
    public static string JsonObjectShape(CultureInfo culture) =>
        RequestCulture.IsChinese(culture) ? " JSON 对象或 null" : "a JSON object or null";

    public static string StringShape(CultureInfo culture) =>
        RequestCulture.IsChinese(culture) ? "字符串或 null" : "a string or null";
}

/// <summary>Stable, English values of <c>extensions.code</c> produced by the transports.</summary>
public static class TransportErrorCodes
{
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string IntrospectionDisabled = "INTROSPECTION_DISABLED";
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";
    public const string BadRequest = "BAD_REQUEST";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string NotAcceptable = "NOT_ACCEPTABLE";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
}
