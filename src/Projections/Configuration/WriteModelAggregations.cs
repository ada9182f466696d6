using JasperFx.Events;
using Marten.Events.Aggregation;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Importing;
using PanguGraph.Domain.Spaces;
using PanguGraph.Domain.Users;

namespace PanguGraph.Projections.Configuration;

// Live aggregations that let FetchForWriting build the domain's write models. They delegate to
// the pure Evolve functions in the domain, so the domain assembly needs no Marten reference.

public sealed class SpaceAggregation : SingleStreamProjection<Space, Guid>
{
    public override Space? Evolve(Space? snapshot, Guid id, IEvent e) => Space.Evolve(snapshot, e.Data);
}

public sealed class UserAggregation : SingleStreamProjection<User, Guid>
{
    public override User? Evolve(User? snapshot, Guid id, IEvent e) => User.Evolve(snapshot, e.Data);
}

public sealed class DatasetAggregation : SingleStreamProjection<Dataset, Guid>
{
    public override Dataset? Evolve(Dataset? snapshot, Guid id, IEvent e) => Dataset.Evolve(snapshot, e.Data);
}

public sealed class ImportTaskAggregation : SingleStreamProjection<ImportTask, Guid>
{
    public override ImportTask? Evolve(ImportTask? snapshot, Guid id, IEvent e) => ImportTask.Evolve(snapshot, e.Data);
}
