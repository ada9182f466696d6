using JasperFx.Events;
using Marten.Events.Aggregation;
using Marten.Events.Projections;
using NodaTime;
using PanguGraph.Domain.Users;

namespace PanguGraph.Projections.Users;

public sealed class ApiKeySummary
{
    public Guid KeyId { get; set; }
    public string Prefix { get; set; } = "";
    public string? Label { get; set; }
    public Instant IssuedAt { get; set; }
    public string IssuedBy { get; set; } = "";
}

/// <summary>
/// Read model of a user. Id is the stream id derived from the login (<see cref="User.StreamIdFor"/>).
/// </summary>
public sealed class UserView
{
    public Guid Id { get; set; }
    public string UserId { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public bool IsSuperAdmin { get; set; }
    public List<ApiKeySummary> ApiKeys { get; set; } = [];
    public Instant RegisteredAt { get; set; }
    public long Version { get; set; }
}

public sealed class UserViewProjection : SingleStreamProjection<UserView, Guid>
{
    public override UserView? Evolve(UserView? view, Guid id, IEvent e)
    {
        switch (e.Data)
        {
            case UserRegistered registered:
                view = new UserView
                {
                    Id = id,
                    UserId = registered.UserId,
                    DisplayName = registered.DisplayName,
                    IsSuperAdmin = registered.IsSuperAdmin,
                    RegisteredAt = registered.At,
                };
                break;
            case ApiKeyIssued issued when view is not null:
                view.ApiKeys.Add(new ApiKeySummary
                {
                    KeyId = issued.KeyId, Prefix = issued.KeyPrefix, Label = issued.Label, IssuedAt = issued.At, IssuedBy = issued.By,
                });
                break;
            case ApiKeyRevoked revoked when view is not null:
                view.ApiKeys.RemoveAll(k => k.KeyId == revoked.KeyId);
                break;
            default:
                return view;
        }

        view.Version = e.Version;
        return view;
    }
}

/// <summary>
/// Lookup of an API key by its SHA-256 hash, used to authenticate every request.
/// Evolve returns null for a revoked key, which makes Marten delete its document.
/// </summary>
public sealed class ApiKeyLookup
{
    public string Id { get; set; } = "";
    public Guid KeyId { get; set; }
    public string UserId { get; set; } = "";
}

public sealed class ApiKeyLookupProjection : MultiStreamProjection<ApiKeyLookup, string>
{
    public ApiKeyLookupProjection()
    {
        Identity<ApiKeyIssued>(e => e.KeyHash);
        Identity<ApiKeyRevoked>(e => e.KeyHash);
    }

    public override ApiKeyLookup? Evolve(ApiKeyLookup? lookup, string id, IEvent e) => e.Data switch
    {
        ApiKeyIssued issued => new ApiKeyLookup { Id = issued.KeyHash, KeyId = issued.KeyId, UserId = issued.UserId },
        ApiKeyRevoked => null,
        _ => lookup,
    };
}
