using GraphQL.Types;
using PanguGraph.Domain.Common;

namespace PanguGraph.GraphQL.Schema;

/// <summary>
/// A rejection returned inside a mutation payload, localised for the caller.
/// </summary>
public sealed record UserError(string Code, string Message, IReadOnlyList<string>? Field);

public sealed class UserErrorType : ObjectGraphType<UserError>
{
    public UserErrorType()
    {
        Name = "UserError";
        Description = "Why a mutation was rejected. Code is stable English; message follows Accept-Language (en or zh-CN).";
        Field(x => x.Code).Description("Stable machine-readable code, such as REQUIRED or CONCURRENCY_CONFLICT.");
        Field(x => x.Message).Description("What is wrong and what to do, in the caller's language.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("field")
            .Description("Path of the input field at fault, when there is one.")
            .Resolve(ctx => ctx.Source.Field);
    }
}

/// <summary>
/// The shape of every mutation result: the changed object (null when rejected) and the errors.
/// </summary>
public sealed record Payload<T>(T? Value, IReadOnlyList<UserError> Errors) where T : class;

public abstract class PayloadGraphType<TGraph, TValue> : ObjectGraphType<Payload<TValue>>
    where TGraph : IGraphType
    where TValue : class
{
    protected PayloadGraphType(string name, string valueField)
    {
        Name = name;
        Field<TGraph>(valueField).Resolve(ctx => ctx.Source.Value);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }
}
