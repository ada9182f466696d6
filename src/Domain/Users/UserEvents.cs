using NodaTime;

namespace PanguGraph.Domain.Users;

public sealed record UserRegistered(string UserId, string DisplayName, bool IsSuperAdmin, string By, Instant At);

/// <summary>
/// An API key was issued. Only the SHA-256 hash and a short display prefix are recorded; the key
/// itself is shown once to the caller and stored nowhere.
/// </summary>
public sealed record ApiKeyIssued(string UserId, Guid KeyId, string KeyHash, string KeyPrefix, string? Label, string By, Instant At);

public sealed record ApiKeyRevoked(string UserId, Guid KeyId, string KeyHash, string By, Instant At);
