using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PanguGraph.GraphQL.Operations;

public static class HealthResponse
{
    /// <summary>
    /// Writes each check's status and description as JSON; exception details stay in the logs.
    /// </summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
