using System.Globalization;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace PanguGraph.GraphQL.Transport.Http;

/// <summary>
/// GraphQL over HTTP (GET and POST) as the GraphQL-over-HTTP specification describes it,
/// plus the GraphiQL page for browsers.
/// </summary>
public sealed class GraphQLHttpEndpoint(
    GraphQLOperationExecutor executor,
    HttpRequestParsing parsing,
    IApiKeyAuthenticator authenticator,
    IGraphQLTextSerializer serializer,
    IWebHostEnvironment environment,
    IOptions<GraphQLTransportOptions> options)
{
    public const string GraphiQLPage = "graphiql/index.html";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var culture = RequestCulture.FromHeaders(request.GetTypedHeaders());
        var cancellationToken = context.RequestAborted;

        if (HttpMethods.IsGet(request.Method) && !request.Query.ContainsKey("query") && ResponseMediaTypeNegotiation.AcceptsHtml(request)
            && options.Value.EnableGraphiQL)
        {
            await ServeGraphiQLAsync(context, culture);
            return;
        }

        if (ResponseMediaTypeNegotiation.Negotiate(request) is not { } mediaType)
        {
            await WriteFailureAsync(context, ResponseMediaType.Json, new(StatusCodes.Status406NotAcceptable,
                TransportErrorCodes.NotAcceptable, TransportMessages.Format(TransportMessage.NotAcceptable, culture)));
            return;
        }

        GraphQLRequest? graphQLRequest;
        HttpRequestFailure? failure;
        if (HttpMethods.IsPost(request.Method))
        {
            (graphQLRequest, failure) = await parsing.ReadPostAsync(request, options.Value.MaxRequestBytes, culture, cancellationToken);
        }
        else if (HttpMethods.IsGet(request.Method))
        {
            (graphQLRequest, failure) = parsing.ReadGet(request, culture);
        }
        else
        {
            context.Response.Headers.Allow = "GET, POST";
            (graphQLRequest, failure) = (null, new(StatusCodes.Status405MethodNotAllowed, TransportErrorCodes.MethodNotAllowed,
                TransportMessages.Format(TransportMessage.MethodNotAllowed, culture, request.Method)));
        }

        if (failure is not null || graphQLRequest is null)
        {
            await WriteFailureAsync(context, mediaType, failure!);
            return;
        }

        var document = TryParse(graphQLRequest.Query!);
        var operationType = document is null ? null : SelectOperation(document, graphQLRequest.OperationName)?.Operation;
        if (operationType == OperationType.Mutation && HttpMethods.IsGet(request.Method))
        {
            context.Response.Headers.Allow = "POST";
            await WriteFailureAsync(context, mediaType, new(StatusCodes.Status405MethodNotAllowed, TransportErrorCodes.MethodNotAllowed,
                TransportMessages.Format(TransportMessage.MutationViaGet, culture)));
            return;
        }

        if (operationType == OperationType.Subscription)
        {
            await WriteFailureAsync(context, mediaType, new(StatusCodes.Status400BadRequest, TransportErrorCodes.BadRequest,
                TransportMessages.Format(TransportMessage.SubscriptionViaHttp, culture)));
            return;
        }

        var authentication = await AuthenticationOutcome.AuthenticateAsync(
            ApiKeyCredential.FromHeaders(request.Headers), authenticator, cancellationToken);
        if (authentication.IsRejected)
        {
            var message = TransportMessages.Format(authentication.Rejection!.Value, culture, authentication.RejectionArguments);
            await WriteFailureAsync(context, mediaType, new(StatusCodes.Status401Unauthorized, TransportErrorCodes.Unauthenticated, message));
            return;
        }

        var userContext = new PanguUserContext(authentication.Caller, culture, context.RequestServices);
        var result = await executor.ExecuteAsync(graphQLRequest, document, userContext, cancellationToken);
        var statusCode = mediaType == ResponseMediaType.GraphQLResponseJson && !result.Executed
            ? StatusCodes.Status400BadRequest
            : StatusCodes.Status200OK;
        await WriteResultAsync(context, mediaType, statusCode, result);
    }

    /// <summary>
    /// Parses the document once so that GET can reject mutations before execution. A syntax
    /// error returns null, and the executer then reports it like any other request error.
    /// </summary>
    private static GraphQLDocument? TryParse(string query)
    {
        try
        {
            return Parser.Parse(query);
        }
        catch (GraphQLSyntaxErrorException)
        {
            return null;
        }
    }

    private static GraphQLOperationDefinition? SelectOperation(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        if (operationName is null)
        {
            return operations.Count == 1 ? operations[0] : null;
        }

        return operations.FirstOrDefault(operation => operation.Name?.Value == operationName);
    }

    private async Task ServeGraphiQLAsync(HttpContext context, CultureInfo culture)
    {
        var page = environment.WebRootFileProvider.GetFileInfo(GraphiQLPage);
        if (!page.Exists || page.PhysicalPath is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(TransportMessages.Format(TransportMessage.GraphiQLMissing, culture), context.RequestAborted);
            return;
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.SendFileAsync(page, context.RequestAborted);
    }

    private Task WriteFailureAsync(HttpContext context, ResponseMediaType mediaType, HttpRequestFailure failure)
    {
        // Transport failures keep their 4xx status for both media types, because the request
        // never became a well-formed GraphQL request. The one exception is a rejected API key:
        // legacy application/json clients expect 200 with the error in the body.
        var statusCode = failure.StatusCode == StatusCodes.Status401Unauthorized && mediaType == ResponseMediaType.Json
            ? StatusCodes.Status200OK
            : failure.StatusCode;
        if (statusCode == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return WriteResultAsync(context, mediaType, statusCode, GraphQLOperationExecutor.RequestError(failure.Message, failure.Code));
    }

    private async Task WriteResultAsync(HttpContext context, ResponseMediaType mediaType, int statusCode, ExecutionResult result)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = ResponseMediaTypeNegotiation.ContentTypeOf(mediaType);
        await context.Response.WriteAsync(serializer.Serialize(result), context.RequestAborted);
    }
}
