using System.Text;
using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Domain.Processing.Catalogue;

namespace PanguGraph.Compute.Processing.Operators.Text.Mapping;

public sealed class NfkcNormalizer(string textField) : TextRecordOperator(OperatorIds.NfkcNormalize, textField)
{
    protected override TextVerdict Evaluate(string text, DataRecord record) =>
        TextVerdict.Rewrite(text.Normalize(NormalizationForm.FormKC));
}
