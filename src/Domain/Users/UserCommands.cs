using PanguGraph.Domain.Common;

namespace PanguGraph.Domain.Users;

public sealed record IssueApiKey(Caller Caller, string UserId, string? Label);

public sealed record RevokeApiKey(Caller Caller, string UserId, Guid KeyId);
