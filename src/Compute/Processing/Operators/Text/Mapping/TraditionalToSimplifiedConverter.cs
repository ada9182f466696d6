using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Domain.Processing.Catalogue;

namespace PanguGraph.Compute.Processing.Operators.Text.Mapping;

/// <summary>Converts traditional Chinese to simplified with an OpenCC configuration (t2s, tw2s, tw2sp or hk2s).</summary>
public sealed class TraditionalToSimplifiedConverter(string textField, string conversion, string openCcDataDirectory = OpenCcConverter.DefaultDataDirectory)
    : TextRecordOperator(OperatorIds.TraditionalToSimplified, textField)
{
    // Opened eagerly so that a missing OpenCC installation fails when the pipeline starts, not per record.
    private readonly OpenCcConverter _converter = OpenCcConverter.For(conversion, openCcDataDirectory);

    protected override TextVerdict Evaluate(string text, DataRecord record) =>
        TextVerdict.Rewrite(_converter.Convert(text));
}
