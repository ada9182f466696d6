using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using NodaTime;
using PanguGraph.Domain.Common;

namespace PanguGraph.Domain.Users;

/// <summary>
/// Write model of a user: identity and API keys. Users are addressed by a login id such as
/// "alice". The event stream id is derived from it, so a second registration of the same login
/// collides on the stream instead of creating a duplicate.
/// </summary>
public sealed partial record User(Guid Id, string UserId, string DisplayName, bool IsSuperAdmin, IReadOnlyDictionary<Guid, string> ActiveKeys)
{
    public const int MaxKeysPerUser = 20;

    public static Guid StreamIdFor(string userId)
    {
        // A name-based id: the first 16 bytes of SHA-256 over a namespaced login, so that the
        // same login always maps to the same stream.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("pangugraph:user:" + userId.ToLowerInvariant()));
        return new Guid(hash.AsSpan(0, 16));
    }

    public static User? Evolve(User? state, object @event) => @event switch
    {
        UserRegistered e => new User(StreamIdFor(e.UserId), e.UserId, e.DisplayName, e.IsSuperAdmin, new Dictionary<Guid, string>()),
        ApiKeyIssued e when state is not null => state with { ActiveKeys = new Dictionary<Guid, string>(state.ActiveKeys) { [e.KeyId] = e.KeyHash } },
        ApiKeyRevoked e when state is not null => state with { ActiveKeys = state.ActiveKeys.Where(k => k.Key != e.KeyId).ToDictionary() },
        _ => state,
    };

    public static DomainError? ValidateUserId(string? userId)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            return Errors.Required("userId");
        }

        return LoginPattern().IsMatch(userId)
            ? null
            : Errors.Invalid(
                "userId",
                "use 2 to 64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit.",
                "请使用 2 到 64 个字符：小写字母、数字、“.”、“_”或“-”，并以字母或数字开头。");
    }

    public static Decision Register(string userId, string? displayName, bool isSuperAdmin, string by, Instant now)
    {
        var error = ValidateUserId(userId) ?? Text.LimitLength(displayName, "displayName", 64);
        if (error is not null)
        {
            return error;
        }

        var name = string.IsNullOrWhiteSpace(displayName) ? userId : displayName.Trim();
        return Decision.Accept(new UserRegistered(userId, name, isSuperAdmin, by, now));
    }

    /// <summary>
    /// Issues a key. <paramref name="callerMayManage"/> is true when the caller administers a
    /// space this user belongs to; users may always issue keys for themselves.
    /// </summary>
    public Decision IssueApiKey(Guid keyId, string keyHash, string keyPrefix, string? label, Caller caller, bool callerMayManage, Instant now)
    {
        if (caller.UserId != UserId && !caller.IsSuperAdmin && !callerMayManage)
        {
            return Errors.ForbiddenForOthersKeys();
        }

        var error = Text.LimitLength(label, "label", 64);
        if (error is not null)
        {
            return error;
        }

        if (ActiveKeys.Count >= MaxKeysPerUser)
        {
            return new DomainError(
                "TOO_MANY_KEYS",
                $"User '{UserId}' already has {MaxKeysPerUser} active API keys. Revoke one first.",
                $"用户“{UserId}”已有 {MaxKeysPerUser} 个有效 API 密钥。请先吊销一个。");
        }

        return Decision.Accept(new ApiKeyIssued(UserId, keyId, keyHash, keyPrefix, label, caller.UserId, now));
    }

    public Decision RevokeApiKey(Guid keyId, Caller caller, bool callerMayManage, Instant now)
    {
        if (caller.UserId != UserId && !caller.IsSuperAdmin && !callerMayManage)
        {
            return Errors.ForbiddenForOthersKeys();
        }

        if (!ActiveKeys.TryGetValue(keyId, out var hash))
        {
            return Errors.NotFound("API key", keyId);
        }

        return Decision.Accept(new ApiKeyRevoked(UserId, keyId, hash, caller.UserId, now));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,63}$")]
    private static partial Regex LoginPattern();
}

/// <summary>
/// API keys: 'pg_' followed by 40 random URL-safe characters, about 238 bits of entropy. Because
/// keys are random rather than chosen by people, a single SHA-256 is a sufficient hash to store.
/// </summary>
public static class ApiKeys
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string Generate() => "pg_" + RandomNumberGenerator.GetString(Alphabet, 40);

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string DisplayPrefix(string key) => key.Length > 8 ? key[..8] : key;
}
