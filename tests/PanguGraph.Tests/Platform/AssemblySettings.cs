using Xunit;

// Tests share one PostgreSQL, Redis and S3, and several start extra nodes that compete for the
// same durable queue; running collections one after another keeps each test's nodes its own.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
