using System.Globalization;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Errors.Custom;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PanguGraph.GraphQL.Transport;

/// <summary>
/// Runs one GraphQL request for both transports: applies the depth, complexity and
/// introspection limits, sets the UI culture, hides unhandled exceptions behind
/// <c>INTERNAL_SERVER_ERROR</c> and logs them with the operation name.
/// </summary>
public sealed class GraphQLOperationExecutor(
    IDocumentExecuter<ISchema> executer,
    IOptions<GraphQLTransportOptions> options,
    ILogger<GraphQLOperationExecutor> logger)
{
    public async Task<ExecutionResult> ExecuteAsync(
        GraphQLRequest request,
        GraphQLDocument? document,
        PanguUserContext userContext,
        CancellationToken cancellationToken)
    {
        var executionOptions = new ExecutionOptions
        {
            Query = request.Query,
            Document = document,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            UserContext = userContext,
            RequestServices = userContext.RequestServices,
            CancellationToken = cancellationToken,
            ValidationRules = BuildValidationRules(),
            UnhandledExceptionDelegate = context => HideUnhandledException(context, userContext.Culture),
        };

        var previousCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = userContext.Culture;
        try
        {
            var result = await executer.ExecuteAsync(executionOptions);
            RewriteErrors(result, userContext.Culture);
            return result;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previousCulture;
        }
    }

    /// <summary>Builds a result that carries one error and no data, for requests rejected before execution.</summary>
    public static ExecutionResult RequestError(string message, string code) =>
        new() { Errors = [new ExecutionError(message) { Code = code }] };

    /// <summary>
    /// Stamps <c>INTERNAL_SERVER_ERROR</c> on errors that the unhandled-exception delegate already hid,
    /// and gives parse and validation errors a Chinese explanation for zh-CN callers.
    /// </summary>
    public static void RewriteErrors(ExecutionResult result, CultureInfo culture)
    {
        if (result.Errors is null)
        {
            return;
        }

        var rewritten = new ExecutionErrors();
        foreach (var error in result.Errors)
        {
            rewritten.Add(RewriteError(error, culture));
        }

        result.Errors = rewritten;
    }

    private static ExecutionError RewriteError(ExecutionError error, CultureInfo culture)
    {
        switch (error)
        {
            case NoIntrospectionError:
                var replacement = new ExecutionError(TransportMessages.Format(TransportMessage.IntrospectionDisabled, culture))
                {
                    Code = TransportErrorCodes.IntrospectionDisabled,
                };
                foreach (var location in error.Locations ?? [])
                {
                    replacement.AddLocation(location);
                }

                return replacement;
            case SyntaxError when RequestCulture.IsChinese(culture):
                return Localize(error, TransportMessage.DocumentSyntaxError, culture);
            case ValidationError when RequestCulture.IsChinese(culture):
                return Localize(error, TransportMessage.DocumentInvalid, culture);
            case UnhandledError when error.InnerException is InternalServerErrorException:
                error.Code = TransportErrorCodes.InternalServerError;
                return error;
            default:
                return error;
        }
    }

    /// <summary>
    /// Puts a Chinese explanation in front of a GraphQL.NET parse or validation message, which
    /// that library writes in English only. The code and locations stay as they were.
    /// </summary>
    private static ExecutionError Localize(ExecutionError error, TransportMessage message, CultureInfo culture)
    {
        var localized = new ExecutionError(TransportMessages.Format(message, culture, error.Message)) { Code = error.Code };
        foreach (var location in error.Locations ?? [])
        {
            localized.AddLocation(location);
        }

        return localized;
    }

    private IValidationRule[] BuildValidationRules()
    {
        var limits = options.Value;
        var rules = new List<IValidationRule>(DocumentValidator.CoreRules)
        {
            new ComplexityValidationRule(BuildComplexityOptions(limits)),
        };
        if (!limits.EnableIntrospection)
        {
            rules.Add(NoIntrospectionValidationRule.Instance);
        }

        return [.. rules];
    }

    private Task HideUnhandledException(UnhandledExceptionContext context, CultureInfo culture)
    {
        var operationName = context.Context?.Operation?.Name?.StringValue ?? context.ExecutionOptions.OperationName;
        if (context.OriginalException is OperationCanceledException)
        {
            return Task.CompletedTask;
        }

        // An id or value that does not convert (for example "123" for an ID that must be a UUID)
        // is the caller's mistake, not a server failure.
        if (FindFormatException(context.OriginalException) is { } invalid)
        {
            context.ErrorMessage = TransportMessages.Format(TransportMessage.InvalidArgumentValue, culture, invalid.Message);
            context.Exception = new ExecutionError(context.ErrorMessage) { Code = "INVALID" };
            return Task.CompletedTask;
        }

        logger.LogError(
            context.OriginalException,
            "GraphQL operation {OperationName} failed at {FieldPath}",
            operationName ?? "(anonymous)",
            context.FieldContext is { } field ? string.Join('.', field.Path) : "(no field)");

        context.ErrorMessage = TransportMessages.Format(TransportMessage.InternalError, culture);
        context.Exception = new InternalServerErrorException();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Counts introspection as free. The schema query that GraphiQL and code generators send nests
    /// type references about eight levels deep, which the list multiplier would otherwise rate in the
    /// millions although it reads only the in-memory schema. Introspection stays subject to MaxDepth
    /// and can be switched off with EnableIntrospection.
    /// </summary>
    private static ComplexityOptions BuildComplexityOptions(GraphQLTransportOptions limits)
    {
        var options = new ComplexityOptions { MaxDepth = limits.MaxDepth, MaxComplexity = limits.MaxComplexity };
        var standardImpact = options.DefaultComplexityImpactDelegate;
        options.DefaultComplexityImpactDelegate = context =>
            context.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal)
            || context.ParentType.Name.StartsWith("__", StringComparison.Ordinal)
                ? new FieldComplexityResult(0, 1)
                : standardImpact(context);
        return options;
    }

    private static FormatException? FindFormatException(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is FormatException format)
            {
                return format;
            }
        }

        return null;
    }

    /// <summary>
    /// Stand-in for the original exception, so that neither its message, stack trace nor type
    /// name reaches the client. GraphQL.NET turns this type name into the extra code
    /// <c>INTERNAL_SERVER_ERROR</c> in <c>extensions.codes</c>.
    /// </summary>
    private sealed class InternalServerErrorException() : Exception("Internal server error.");
}
