namespace PanguGraph.Domain.Common;

/// <summary>
/// The authenticated user behind a request. Space roles are looked up per space when a
/// decision needs them; only the platform-wide super admin flag travels with the caller.
/// </summary>
public sealed record Caller(string UserId, bool IsSuperAdmin);
