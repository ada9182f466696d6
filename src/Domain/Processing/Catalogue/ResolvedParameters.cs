namespace PanguGraph.Domain.Processing.Catalogue;

/// <summary>
/// Validated parameters of one operator step with defaults applied. Getters throw
/// <see cref="KeyNotFoundException"/> or <see cref="InvalidCastException"/> only on a programming
/// error, because validation already guaranteed the name and type.
/// </summary>
public sealed class ResolvedParameters
{
    private readonly IReadOnlyDictionary<string, object?> _values;

    public ResolvedParameters(string operatorId, IReadOnlyDictionary<string, object?> values)
    {
        OperatorId = operatorId;
        _values = values;
    }

    public string OperatorId { get; }

    public IReadOnlyDictionary<string, object?> Values => _values;

    public long GetInteger(string name) => (long)_values[name]!;

    public int GetInt32(string name) => checked((int)GetInteger(name));

    public double GetNumber(string name) => (double)_values[name]!;

    public bool GetBoolean(string name) => (bool)_values[name]!;

    public string GetString(string name) => (string)_values[name]!;

    public string? GetOptionalString(string name) => _values.TryGetValue(name, out var value) ? value as string : null;

    public IReadOnlyList<string> GetStringList(string name) => (IReadOnlyList<string>)_values[name]!;

    public bool Has(string name) => _values.TryGetValue(name, out var value) && value is not null;
}
