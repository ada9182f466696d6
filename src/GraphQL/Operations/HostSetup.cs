using GraphQL;
using JasperFx.Events.Daemon;
using Marten;
using Npgsql;
using NodaTime;
using PanguGraph.Compute.Annotation;
using PanguGraph.Compute.Importing;
using PanguGraph.Compute.Processing.Tasks;
using PanguGraph.Compute.Storage;
using PanguGraph.Domain.Annotation;
using PanguGraph.Domain.Importing;
using PanguGraph.Domain.Processing.Tasks;
using PanguGraph.GraphQL.Auth;
using PanguGraph.GraphQL.Realtime;
using PanguGraph.GraphQL.Schema;
using PanguGraph.GraphQL.Transport;
using PanguGraph.Projections.Configuration;
using StackExchange.Redis;
using Weasel.Core;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Marten;
using Wolverine.Postgresql;

namespace PanguGraph.GraphQL.Operations;

public sealed class WorkerOptions
{
    /// <summary>Whether this node takes jobs (imports) from the durable queues. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Jobs this node runs at once per queue. Default 2.</summary>
    public int Parallelism { get; set; } = 2;
}

/// <summary>
/// Composition of a PanguGraph node: event store, message bus, GraphQL, Redis fan-out, storage
/// and health checks. The same node type serves the API and runs workers; configuration decides.
/// </summary>
public static class HostSetup
{
    public const string ImportQueue = "imports";
    public const string ProcessingQueue = "processing-shards";
    public const string AnnotationQueue = "annotation-jobs";

    public static WebApplicationBuilder AddPangu(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var postgres = configuration.GetConnectionString("Postgres")
                       ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not set. Set it in appsettings.json or ConnectionStrings__Postgres.");
        var redisConnection = configuration.GetConnectionString("Redis")
                              ?? throw new InvalidOperationException("ConnectionStrings:Redis is not set. Set it in appsettings.json or ConnectionStrings__Redis.");
        var worker = configuration.GetSection("Pangu:Worker").Get<WorkerOptions>() ?? new WorkerOptions();

        if (configuration.GetValue<bool>("Logging:Json"))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }

        var services = builder.Services;
        services.AddSingleton<IClock>(SystemClock.Instance);
        services.Configure<ImportOptions>(configuration.GetSection("Import"));
        services.Configure<BootstrapOptions>(configuration.GetSection("Pangu:Bootstrap"));
        services.Configure<DemoOptions>(configuration.GetSection("Pangu:Demo"));
        services.Configure<ProjectionLagOptions>(configuration.GetSection("Pangu:ProjectionLag"));
        services.AddPanguStorage(configuration);
        services.AddSingleton<DatasetPreviewReader>();
        services.Configure<ProcessingOptions>(configuration.GetSection("Processing"));
        services.AddSingleton<ShardStorage>();
        services.AddAnnotation(configuration);

        var dataSourceBuilder = new NpgsqlDataSourceBuilder(postgres);
        dataSourceBuilder.UseNodaTime();
        var dataSource = dataSourceBuilder.Build();
        services.AddSingleton(dataSource);

        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redisConnection));
        services.AddSingleton<StreamChangeHub>();
        services.AddSingleton<RedisChangePublisher>();
        services.AddHostedService<RedisChangeSubscriber>();

        services.AddMarten(provider =>
            {
                var options = new StoreOptions();
                options.Connection(dataSource);
                MartenSetup.Configure(options);
                options.AutoCreateSchemaObjects = JasperFx.AutoCreate.CreateOrUpdate;
                options.Listeners.Add(provider.GetRequiredService<RedisChangePublisher>());
                return options;
            })
            .UseLightweightSessions()
            .IntegrateWithWolverine()
            .AddAsyncDaemon(DaemonMode.HotCold);

        builder.Host.UseWolverine(options =>
        {
            options.Discovery.IncludeAssembly(typeof(RunImportHandler).Assembly);
            options.Policies.AutoApplyTransactions();
            options.Policies.UseDurableLocalQueues();
            options.UseRuntimeCompilation();

            // Import jobs travel on a PostgreSQL-backed queue so that any worker node can take them
            // and a job survives the node that queued it.
            options.PublishMessage<RunImport>().ToPostgresqlQueue(ImportQueue);
            if (worker.Enabled)
            {
                options.ListenToPostgresqlQueue(ImportQueue)
                    .MaximumParallelMessages(worker.Parallelism)
                    .PollingInterval(TimeSpan.FromMilliseconds(500));
            }

            // Processing jobs (planning, shards, merges, finish) share one queue that every worker polls.
            options.PublishMessage<PlanProcessingTask>().ToPostgresqlQueue(ProcessingQueue);
            options.PublishMessage<ProcessShard>().ToPostgresqlQueue(ProcessingQueue);
            options.PublishMessage<MergeStageSignatures>().ToPostgresqlQueue(ProcessingQueue);
            options.PublishMessage<FinishProcessingTask>().ToPostgresqlQueue(ProcessingQueue);
            if (worker.Enabled)
            {
                // A node claims only as many shards as it runs at once, so the rest of a task's shards
                // stay on the queue for other workers instead of waiting behind this node.
                options.ListenToPostgresqlQueue(ProcessingQueue)
                    .MaximumMessagesToReceive(worker.Parallelism)
                    .MaximumParallelMessages(worker.Parallelism)
                    .PollingInterval(TimeSpan.FromMilliseconds(500));
            }

            // Annotation jobs (completion checks, AI pre-annotation) go to workers, so API-only nodes never run them.
            options.PublishMessage<CheckAnnotationTaskCompletion>().ToPostgresqlQueue(AnnotationQueue);
            options.PublishMessage<RunPreAnnotation>().ToPostgresqlQueue(AnnotationQueue);
            if (worker.Enabled)
            {
                options.ListenToPostgresqlQueue(AnnotationQueue)
                    .MaximumParallelMessages(worker.Parallelism)
                    .PollingInterval(TimeSpan.FromMilliseconds(500));
            }

            options.OnException<Npgsql.NpgsqlException>().RetryWithCooldown(
                TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        });

        services.AddSingleton<IApiKeyAuthenticator, ApiKeyAuthenticator>();
        services.AddGraphQL(graphQL => graphQL
            .AddSchema<PanguSchema>()
            .AddSystemTextJson(json => json.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddGraphTypes(typeof(PanguSchema).Assembly));
        services.AddPanguGraphQLTransport(configuration);

        services.AddHostedService<AdminBootstrap>();
        services.AddHostedService<DemoSeeder>();

        services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgres", tags: ["ready"])
            .AddCheck<RedisHealthCheck>("redis", tags: ["ready"])
            .AddCheck<StorageHealthCheck>("storage", tags: ["ready"])
            .AddCheck<ProjectionLagHealthCheck>("projections", tags: ["ready"]);
        return builder;
    }

    public static WebApplication MapPangu(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = HealthResponse.WriteAsync,
        });
        app.MapPanguGraphQL();
        return app;
    }
}
