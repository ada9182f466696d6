using System.Diagnostics;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using NpgsqlTypes;
using PanguGraph.Bench.Reporting;
using PanguGraph.Domain.Importing;
using PanguGraph.Projections.Audit;
using PanguGraph.Projections.Configuration;

namespace PanguGraph.Bench.EventStore;

/// <summary>
/// Measures appending ImportProgressed events through the platform's Marten store, with Quick append,
/// inline projections and the Redis change publisher. The baseline inserts the same JSON with plain Npgsql
/// into a table with the same stream and version uniqueness. Both run at 1 and at 100 events per transaction.
/// </summary>
public sealed class AppendRate(IServiceProvider services, int singleEventCount, int batchedEventCount)
{
    private const string RawTable = "bench.raw_events";

    /// <summary>Events per stream. Each stream is written in order with its expected version, as the import job does.</summary>
    private const int EventsPerStream = 100;

    public async Task<IReadOnlyList<BenchResult>> RunAsync()
    {
        var store = services.GetRequiredService<IDocumentStore>();
        var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:Postgres is missing. Run eval \"$(scripts/services.sh env test)\" first.");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await PrepareRawTableAsync(dataSource);

        // Warm-up: connection pools, JIT and Marten's generated code, not counted.
        await AppendMartenAsync(store, EventsPerStream * 2, 1);
        await InsertRawAsync(dataSource, store, EventsPerStream * 2, 1);

        // The same event store configuration without the host's session listeners (the Redis change
        // publisher) and without the Wolverine integration, to show what those cost per commit.
        using var bareStore = CreateBareStore(services);
        await AppendMartenAsync(bareStore, EventsPerStream * 2, 1);

        var results = new List<BenchResult>();
        foreach (var (perTransaction, eventCount) in new[] { (1, singleEventCount), (100, batchedEventCount) })
        {
            var martenSeconds = await AppendMartenAsync(store, eventCount, perTransaction);
            var bareSeconds = await AppendMartenAsync(bareStore, eventCount, perTransaction);
            var rawSeconds = await InsertRawAsync(dataSource, store, eventCount, perTransaction);
            var martenRate = eventCount / martenSeconds;
            var bareRate = eventCount / bareSeconds;
            var rawRate = eventCount / rawSeconds;
            Console.Error.WriteLine(
                $"bench: {eventCount} events, {perTransaction} per session: platform store {martenSeconds:0.00} s, " +
                $"store without listeners {bareSeconds:0.00} s, Npgsql {rawSeconds:0.00} s");
            results.Add(new BenchResult(
                $"Event append, {perTransaction} per session",
                $"{ResultTable.FormatNumber(martenRate, 0)} events/s",
                $"{ResultTable.FormatNumber(rawRate, 0)} rows/s",
                ResultTable.FormatRatio(martenRate, rawRate),
                $"{eventCount:N0} ImportProgressed events in streams of {EventsPerStream}; Marten Quick append vs Npgsql INSERT " +
                (perTransaction == 1 ? "(autocommit)" : "(NpgsqlBatch in one transaction)") +
                $"; same store without session listeners: {ResultTable.FormatNumber(bareRate, 0)} events/s"));
        }

        return results;
    }

    private static DocumentStore CreateBareStore(IServiceProvider services)
    {
        var options = new StoreOptions();
        options.Connection(services.GetRequiredService<NpgsqlDataSource>());
        MartenSetup.Configure(options);
        options.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
        return new DocumentStore(options);
    }

    private static ImportProgressed Progress(Guid streamId, int index) =>
        new(streamId, 1, index / 10, index * 37L, index * 4096L, SystemClock.Instance.GetCurrentInstant());

    private static async Task<double> AppendMartenAsync(IDocumentStore store, int count, int perSession)
    {
        var clock = Stopwatch.StartNew();
        for (var streamStart = 0; streamStart < count; streamStart += EventsPerStream)
        {
            var streamId = Guid.CreateVersion7();
            var streamLength = Math.Min(EventsPerStream, count - streamStart);
            for (var version = 0; version < streamLength; version += perSession)
            {
                var events = Enumerable.Range(version, Math.Min(perSession, streamLength - version))
                    .Select(i => (object)Progress(streamId, i))
                    .ToArray();
                await using var session = store.LightweightSession();
                session.StampActor("bench");
                if (version == 0)
                {
                    session.Events.StartStream(streamId, events);
                }
                else
                {
                    session.Events.Append(streamId, version + events.Length, events);
                }

                await session.SaveChangesAsync();
            }
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> InsertRawAsync(NpgsqlDataSource dataSource, IDocumentStore store, int count, int perTransaction)
    {
        var serializer = store.Options.Serializer();
        var clock = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync();
        for (var streamStart = 0; streamStart < count; streamStart += EventsPerStream)
        {
            var streamId = Guid.CreateVersion7();
            var streamLength = Math.Min(EventsPerStream, count - streamStart);
            for (var version = 0; version < streamLength; version += perTransaction)
            {
                var size = Math.Min(perTransaction, streamLength - version);
                await using var transaction = size > 1 ? await connection.BeginTransactionAsync() : null;
                await using var batch = new NpgsqlBatch(connection, transaction);
                for (var i = version; i < version + size; i++)
                {
                    var command = new NpgsqlBatchCommand(
                        $"INSERT INTO {RawTable} (stream_id, version, type, data) VALUES ($1, $2, 'import_progressed', $3)");
                    command.Parameters.Add(new NpgsqlParameter { Value = streamId });
                    command.Parameters.Add(new NpgsqlParameter { Value = (long)i + 1 });
                    command.Parameters.Add(new NpgsqlParameter { Value = serializer.ToJson(Progress(streamId, i)), NpgsqlDbType = NpgsqlDbType.Jsonb });
                    batch.BatchCommands.Add(command);
                }

                await batch.ExecuteNonQueryAsync();
                if (transaction is not null)
                {
                    await transaction.CommitAsync();
                }
            }
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static async Task PrepareRawTableAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand($"""
            CREATE SCHEMA IF NOT EXISTS bench;
            CREATE TABLE IF NOT EXISTS {RawTable} (
                seq bigserial PRIMARY KEY,
                stream_id uuid NOT NULL,
                version bigint NOT NULL,
                type text NOT NULL,
                data jsonb NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                UNIQUE (stream_id, version));
            TRUNCATE {RawTable};
            """);
        await command.ExecuteNonQueryAsync();
    }
}
