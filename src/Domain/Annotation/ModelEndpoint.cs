using NodaTime;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Spaces;

namespace PanguGraph.Domain.Annotation;

/// <summary>
/// An OpenAI-compatible chat completions endpoint that a space admin registered for AI
/// pre-annotation. Pre-annotation calls only registered URLs.
/// </summary>
public sealed record ModelEndpointRegistered(Guid EndpointId, Guid SpaceId, string Name, string Url, string Model, string By, Instant At);

public sealed record ModelEndpoint(Guid Id, Guid SpaceId, string Name, string Url, string Model)
{
    public const int MaxUrlLength = 2000;

    public static ModelEndpoint? Evolve(ModelEndpoint? state, object @event) => @event switch
    {
        ModelEndpointRegistered e => new ModelEndpoint(e.EndpointId, e.SpaceId, e.Name, e.Url, e.Model),
        _ => state,
    };

    public static Decision Register(Guid endpointId, string name, string url, string model, Space space, Caller caller, Instant now)
    {
        var error = AnnotationAccess.Authorize(space, caller, Permission.ManageSpace)
                    ?? Text.RequireName(name, "name")
                    ?? Text.RequireName(model, "model", 128)
                    ?? Text.RequireName(url, "url", MaxUrlLength);
        if (error is not null)
        {
            return error;
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return AnnotationErrors.EndpointUrlInvalid();
        }

        return Decision.Accept(new ModelEndpointRegistered(endpointId, space.Id, name.Trim(), uri.ToString(), model.Trim(), caller.UserId, now));
    }
}
