using System.Text.Json;
using JasperFx.Events;
using Marten;
using NodaTime;

namespace PanguGraph.Projections.Audit;

/// <summary>
/// One stored event of an asset's stream as an auditor sees it. Payload is the event's JSON as
/// stored, under its stable alias.
/// </summary>
public sealed record HistoryEntry(
    Guid StreamId,
    long Sequence,
    long Version,
    string EventType,
    Instant Timestamp,
    string? Actor,
    string? CorrelationId,
    string? CausationId,
    string Payload);

public static class AssetHistory
{
    public const string ActorHeader = "actor";

    /// <summary>
    /// Reads an asset's events in order, starting after <paramref name="afterVersion"/>.
    /// </summary>
    public static async Task<IReadOnlyList<HistoryEntry>> ReadAsync(
        IQuerySession session, Guid streamId, long afterVersion, int limit, CancellationToken cancellationToken)
    {
        var events = await session.Events.FetchStreamAsync(streamId, token: cancellationToken);
        var serializer = session.DocumentStore.Options.Serializer();
        return events
            .Where(e => e.Version > afterVersion)
            .Take(limit)
            .Select(e => ToEntry(e, serializer))
            .ToList();
    }

    public static HistoryEntry ToEntry(IEvent e, ISerializer serializer)
    {
        string? actor = null;
        if (e.Headers is not null && e.Headers.TryGetValue(ActorHeader, out var value))
        {
            actor = value is JsonElement element ? element.ToString() : value?.ToString();
        }

        return new HistoryEntry(
            e.StreamId,
            e.Sequence,
            e.Version,
            e.EventTypeName,
            Instant.FromDateTimeOffset(e.Timestamp),
            actor,
            e.CorrelationId,
            e.CausationId,
            serializer.ToJson(e.Data));
    }
}

/// <summary>
/// Stamps the acting user and the request onto every event a session appends, through Marten's
/// header and correlation metadata.
/// </summary>
public static class SessionMetadata
{
    public static void StampActor(this IDocumentSession session, string actor, string? correlationId = null)
    {
        session.SetHeader(AssetHistory.ActorHeader, actor);
        if (correlationId is not null)
        {
            session.CorrelationId = correlationId;
        }
    }
}
