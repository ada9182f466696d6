namespace PanguGraph.Domain.Processing.Catalogue;

/// <summary>Either resolved parameters or the list of every error found; never both.</summary>
public sealed record ParameterValidationResult(ResolvedParameters? Parameters, IReadOnlyList<ParameterError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
