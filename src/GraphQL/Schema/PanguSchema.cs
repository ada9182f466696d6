using GraphQL.Types;
using PanguGraph.GraphQL.Annotation;
using PanguGraph.GraphQL.Audit;
using PanguGraph.GraphQL.Datasets;
using PanguGraph.GraphQL.Importing;
using PanguGraph.GraphQL.Processing;
using PanguGraph.GraphQL.Spaces;

namespace PanguGraph.GraphQL.Schema;

public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        SpaceFields.AddQueries(this);
        DatasetFields.AddQueries(this);
        ImportFields.AddQueries(this);
        ProcessingFields.AddQueries(this);
        AuditFields.AddQueries(this);
        AnnotationFields.AddQueries(this);
    }
}

public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        SpaceFields.AddMutations(this);
        DatasetFields.AddMutations(this);
        ImportFields.AddMutations(this);
        ProcessingFields.AddMutations(this);
        AnnotationFields.AddMutations(this);
    }
}

public sealed class SubscriptionType : ObjectGraphType
{
    public SubscriptionType()
    {
        Name = "Subscription";
        ImportFields.AddSubscriptions(this);
        ProcessingFields.AddSubscriptions(this);
        AnnotationSubscriptions.AddSubscriptions(this);
    }
}

/// <summary>
/// The PanguGraph API. Each capability contributes its fields from its own folder.
/// </summary>
public sealed class PanguSchema : global::GraphQL.Types.Schema
{
    public PanguSchema(IServiceProvider services) : base(services)
    {
        Query = new QueryType();
        Mutation = new MutationType();
        Subscription = new SubscriptionType();
        RegisterTypeMapping(typeof(NodaTime.Instant), typeof(InstantGraphType));
    }
}
