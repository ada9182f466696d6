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

namespace PanguGraph.Bench.EventStore;

/// <summary>
/// Measures appending ImportProgressed events through the platform's Marten store (Quick append,
/// inline projections, the Redis change publisher) against plain Npgsql inserts of the same JSON
/// into a table with the same stream/version uniqueness, at 1 and at 100 events per transaction.
/// </summary>
public sealed class AppendRate(IServiceProvider services, int eventCount)
{
    private const string RawTable = "bench.raw_events";

    /// <summary>Events per stream; each stream is written in order with its expected version, as the import job does.</summary>
    private const int EventsPerStream = 100;

    public async Task<IReadOnlyList<BenchResult>> RunAsync()
    {
        var store = services.GetRequiredService<IDocumentStore>();
        var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:Postgres is missing; eval \"$(scripts/services.sh env test)\" first.");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await PrepareRawTableAsync(dataSource);

        // Warm-up: connection pools, JIT and Marten's generated code, not counted.
        await AppendMartenAsync(store, EventsPerStream * 2, 1);
        await InsertRawAsync(dataSource, store, EventsPerStream * 2, 1);

        var results = new List<BenchResult>();
        foreach (var perTransaction in new[] { 1, 100 })
        {
            var martenSeconds = await AppendMartenAsync(store, eventCount, perTransaction);
            var rawSeconds = await InsertRawAsync(dataSource, store, eventCount, perTransaction);
            var martenRate = eventCount / martenSeconds;
            var rawRate = eventCount / rawSeconds;
            Console.Error.WriteLine($"bench: {eventCount} events, {perTransaction} per session: Marten {martenSeconds:0.00} s, Npgsql {rawSeconds:0.00} s");
            results.Add(new BenchResult(
                $"Event append, {perTransaction} per session",
                $"{ResultTable.Number(martenRate, 0)} events/s",
                $"{ResultTable.Number(rawRate, 0)} rows/s",
                ResultTable.Ratio(martenRate, rawRate),
                $"{eventCount:N0} ImportProgressed events in streams of {EventsPerStream}; Marten Quick append vs Npgsql INSERT " +
                (perTransaction == 1 ? "(autocommit)" : "(NpgsqlBatch in one transaction)")));
        }

        return results;
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
