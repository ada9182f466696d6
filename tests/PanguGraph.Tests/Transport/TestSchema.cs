using System.Collections.Concurrent;
using System.Globalization;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using PanguGraph.Domain.Common;
using PanguGraph.GraphQL.Transport;

namespace PanguGraph.Tests.Transport;

/// <summary>A small schema that exercises the transports without the real domain.</summary>
public sealed class TransportTestSchema : Schema
{
    public TransportTestSchema(IServiceProvider services) : base(services)
    {
        Query = services.GetRequiredService<TestQueryType>();
        Mutation = services.GetRequiredService<TestMutationType>();
        Subscription = services.GetRequiredService<TestSubscriptionType>();
    }
}

public sealed class TestQueryType : ObjectGraphType
{
    public TestQueryType()
    {
        Name = "Query";
        Field<StringGraphType>("hello").Resolve(_ => "world");
        Field<StringGraphType>("uiCulture").Resolve(_ => CultureInfo.CurrentUICulture.Name);
        Field<StringGraphType>("contextCulture").Resolve(context => ((PanguUserContext)context.UserContext).Culture.Name);
        Field<StringGraphType>("callerId").Resolve(context => ((PanguUserContext)context.UserContext).Caller?.UserId);
        Field<StringGraphType>("echo")
            .Argument<StringGraphType>("text")
            .Resolve(context => context.GetArgument<string>("text"));
        Field<NestedGraphType>("nested").Resolve(_ => new object());
        Field<StringGraphType>("boom").Resolve(_ => throw new InvalidOperationException("secret database detail"));
    }
}

public sealed class NestedGraphType : ObjectGraphType
{
    public NestedGraphType()
    {
        Name = "Nested";
        Field<IntGraphType>("value").Resolve(_ => 1);
        Field<NestedGraphType>("child").Resolve(_ => new object());
    }
}

public sealed class TestMutationType : ObjectGraphType
{
    public TestMutationType(Counter counter)
    {
        Name = "Mutation";
        Field<IntGraphType>("increment")
            .Argument<IntGraphType>("by")
            .Resolve(context => counter.Add(context.GetArgument("by", 1)));
    }
}

public sealed class TestSubscriptionType : ObjectGraphType
{
    public TestSubscriptionType(TickSource ticks)
    {
        Name = "Subscription";
        Field<IntGraphType>("ticks")
            .Resolve(context => context.Source)
            .ResolveStream(_ => ticks);
    }
}

public sealed class Counter
{
    private int _value;

    public int Add(int amount) => Interlocked.Add(ref _value, amount);
}

/// <summary>An observable that the test drives by hand: each <see cref="Emit"/> reaches every subscriber.</summary>
public sealed class TickSource : IObservable<object>
{
    private readonly ConcurrentDictionary<Guid, IObserver<object>> _observers = new();

    public int SubscriberCount => _observers.Count;

    public IDisposable Subscribe(IObserver<object> observer)
    {
        var key = Guid.NewGuid();
        _observers[key] = observer;
        return new Unsubscriber(() => _observers.TryRemove(key, out _));
    }

    public void Emit(int value)
    {
        foreach (var observer in _observers.Values)
        {
            observer.OnNext(value);
        }
    }

    public void Complete()
    {
        foreach (var observer in _observers.Values)
        {
            observer.OnCompleted();
        }
    }

    private sealed class Unsubscriber(Action unsubscribe) : IDisposable
    {
        public void Dispose() => unsubscribe();
    }
}

/// <summary>Accepts exactly <see cref="ValidKey"/>, as user <see cref="UserId"/>.</summary>
public sealed class FixedKeyAuthenticator : IApiKeyAuthenticator
{
    public const string ValidKey = "test-key-1";
    public const string UserId = "user-1";

    public ValueTask<Caller?> AuthenticateAsync(string apiKey, CancellationToken cancellationToken) =>
        ValueTask.FromResult(apiKey == ValidKey ? new Caller(UserId, IsSuperAdmin: false) : null);
}
