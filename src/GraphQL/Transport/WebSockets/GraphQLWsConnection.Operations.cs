using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.DependencyInjection;

namespace PanguGraph.GraphQL.Transport.WebSockets;

/// <summary>Handling of connection_init, subscribe and complete messages.</summary>
public sealed partial class GraphQLWsConnection
{
    private async Task InitialiseAsync(JsonElement message, CancellationToken cancellationToken)
    {
        if (_initReceived)
        {
            Close(GraphQLWsCloseCodes.TooManyInitialisationRequests, "Too many initialisation requests");
            return;
        }

        _initReceived = true;
        var payload = message.TryGetProperty("payload", out var value) ? value : default;
        if (payload.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Object))
        {
            Close(GraphQLWsCloseCodes.BadRequest, "Invalid message received: the connection_init payload must be an object");
            return;
        }

        var credential = CredentialFromPayload(payload);
        if (!credential.IsPresent)
        {
            credential = ApiKeyCredential.FromHeaders(_httpContext.Request.Headers);
        }

        var outcome = await AuthenticationOutcome.AuthenticateAsync(credential, _authenticator, cancellationToken);
        if (outcome.IsRejected)
        {
            Close(GraphQLWsCloseCodes.Forbidden, "Forbidden");
            return;
        }

        _caller = outcome.Caller;
        _acknowledged = true;
        _outbox.Send(GraphQLWsMessageTypes.ConnectionAck);
    }

    /// <summary>Reads <c>apiKey</c> or <c>Authorization</c> (any letter case) from the connection_init payload.</summary>
    private static ApiKeyCredential CredentialFromPayload(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return ApiKeyCredential.None;
        }

        foreach (var property in payload.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            var text = property.Value.GetString()!;
            if (property.NameEquals("apiKey") && text.Length > 0)
            {
                return new ApiKeyCredential(text, null);
            }

            if (property.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) && text.Length > 0)
            {
                return ApiKeyCredential.FromAuthorization(text);
            }
        }

        return ApiKeyCredential.None;
    }

    private async Task SubscribeAsync(JsonElement message, CancellationToken cancellationToken)
    {
        if (!_acknowledged)
        {
            Close(GraphQLWsCloseCodes.Unauthorized, "Unauthorized");
            return;
        }

        if (!TryReadSubscribe(message, out var id, out var request, out var problem))
        {
            Close(GraphQLWsCloseCodes.BadRequest, $"Invalid message received: {problem}");
            return;
        }

        var operation = new ActiveOperation(_httpContext.RequestServices.CreateScope());
        if (!_operations.TryAdd(id, operation))
        {
            operation.Dispose();
            Close(GraphQLWsCloseCodes.SubscriberAlreadyExists, $"Subscriber for {id} already exists");
            return;
        }

        var userContext = new PanguUserContext(_caller, _culture, operation.Scope.ServiceProvider);
        var result = await _executor.ExecuteAsync(request, TryParse(request.Query!), userContext, cancellationToken);

        if (!_operations.TryGetValue(id, out var current) || current != operation)
        {
            // Completed by the client or stopped by a close while executing.
            return;
        }

        if (!result.Executed)
        {
            StopOperation(id, operation);
            _outbox.Send(GraphQLWsMessageTypes.Error, id, result.Errors ?? new ExecutionErrors());
            return;
        }

        if (result.Streams is not { Count: > 0 } streams)
        {
            StopOperation(id, operation);
            _outbox.Send(GraphQLWsMessageTypes.Next, id, result);
            _outbox.Send(GraphQLWsMessageTypes.Complete, id);
            return;
        }

        // GraphQL allows exactly one root field in a subscription, so there is one stream.
        var stream = streams.Values.First();
        operation.Attach(stream.Subscribe(new StreamObserver(this, id, operation)));
    }

    private bool TryReadSubscribe(JsonElement message, out string id, out GraphQLRequest request, out string problem)
    {
        id = "";
        request = new GraphQLRequest();
        if (!message.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String
            || string.IsNullOrEmpty(idElement.GetString()))
        {
            problem = "subscribe needs a non-empty string 'id'";
            return false;
        }

        id = idElement.GetString()!;
        if (!message.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object
            || !payload.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String)
        {
            problem = "subscribe needs a 'payload' object with a string 'query'";
            return false;
        }

        foreach (var name in new[] { "variables", "extensions" })
        {
            if (payload.TryGetProperty(name, out var inputs) && inputs.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                problem = $"'payload.{name}' must be an object or null";
                return false;
            }
        }

        if (payload.TryGetProperty("operationName", out var operationName)
            && operationName.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            problem = "'payload.operationName' must be a string or null";
            return false;
        }

        request = _serializer.Deserialize<GraphQLRequest>(payload.GetRawText())!;
        problem = "";
        return true;
    }

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

    private void CompleteFromClient(JsonElement message)
    {
        if (message.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String
            && _operations.TryGetValue(idElement.GetString()!, out var operation))
        {
            StopOperation(idElement.GetString()!, operation);
        }
    }

    /// <summary>Removes the operation if it is still registered under <paramref name="id"/>; returns whether it was.</summary>
    private bool StopOperation(string id, ActiveOperation operation)
    {
        if (!_operations.TryRemove(new KeyValuePair<string, ActiveOperation>(id, operation)))
        {
            return false;
        }

        operation.Dispose();
        return true;
    }

    private void StopAllOperations()
    {
        foreach (var (id, operation) in _operations)
        {
            StopOperation(id, operation);
        }
    }

    /// <summary>One running subscribe: its service scope and, for subscriptions, the stream subscription.</summary>
    private sealed class ActiveOperation(IServiceScope scope) : IDisposable
    {
        private readonly Lock _lock = new();
        private bool _disposed;
        private IDisposable? _subscription;

        public IServiceScope Scope { get; } = scope;

        /// <summary>Keeps the stream subscription, or disposes it at once when the operation already ended.</summary>
        public void Attach(IDisposable subscription)
        {
            lock (_lock)
            {
                if (!_disposed)
                {
                    _subscription = subscription;
                    return;
                }
            }

            subscription.Dispose();
        }

        public void Dispose()
        {
            lock (_lock)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
            }

            _subscription?.Dispose();
            Scope.Dispose();
        }
    }

    /// <summary>Forwards a subscription's events as next messages, ending with complete or error.</summary>
    private sealed class StreamObserver(GraphQLWsConnection connection, string id, ActiveOperation operation) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value)
        {
            if (connection._operations.TryGetValue(id, out var current) && current == operation)
            {
                GraphQLOperationExecutor.RewriteErrors(value, connection._culture);
                connection._outbox.Send(GraphQLWsMessageTypes.Next, id, value);
            }
        }

        public void OnError(Exception error)
        {
            if (connection.StopOperation(id, operation))
            {
                connection.LogStreamFailed(error, connection.ConnectionId, id);
                var message = TransportMessages.Format(TransportMessage.InternalError, connection._culture);
                connection._outbox.Send(GraphQLWsMessageTypes.Error, id,
                    GraphQLOperationExecutor.RequestError(message, TransportErrorCodes.InternalServerError).Errors);
            }
        }

        public void OnCompleted()
        {
            if (connection.StopOperation(id, operation))
            {
                connection._outbox.Send(GraphQLWsMessageTypes.Complete, id);
            }
        }
    }
}
