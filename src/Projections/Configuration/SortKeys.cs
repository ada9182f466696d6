using NodaTime;

namespace PanguGraph.Projections.Configuration;

public static class SortKeys
{
    public static string For(Instant createdAt, Guid id) => $"{createdAt.ToUnixTimeMilliseconds():D15}:{id:N}";
}
