using System.Globalization;
using PanguGraph.Domain.Common;

namespace PanguGraph.GraphQL.Transport;

/// <summary>
/// GraphQL user context of one operation: the caller (null when anonymous), the culture chosen
/// from Accept-Language (en or zh-CN) and the request's service scope.
/// </summary>
public sealed class PanguUserContext : Dictionary<string, object?>
{
    public PanguUserContext(Caller? caller, CultureInfo culture, IServiceProvider requestServices)
    {
        Caller = caller;
        Culture = culture;
        RequestServices = requestServices;
    }

    public Caller? Caller { get; }

    public CultureInfo Culture { get; }

    public IServiceProvider RequestServices { get; }
}
