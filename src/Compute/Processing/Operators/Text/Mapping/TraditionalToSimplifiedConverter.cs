using System.Text;
using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Domain.Processing.Catalogue;

namespace PanguGraph.Compute.Processing.Operators.Text.Mapping;

/// <summary>
/// Converts traditional Chinese to simplified with an OpenCC configuration (t2s, tw2s, tw2sp or hk2s).
/// The OpenCC 1.1 dictionaries map some rare characters, such as 爇 and 殢, to CJK Extension B+ forms
/// that most fonts cannot show. Such characters keep their source form, unless a phrase conversion
/// changed the number of characters in the text.
/// NOTE: OpenCC still converts traditional forms that simplified texts keep by convention, such as
/// 乾 in 乾坤 or 徵 as a musical note, wherever its phrase dictionary has no entry for the context.
/// </summary>
public sealed class TraditionalToSimplifiedConverter(string textField, string conversion, string openCcDataDirectory = OpenCcConverter.DefaultDataDirectory)
    : TextRecordOperator(OperatorIds.TraditionalToSimplified, textField)
{
    // Opened eagerly so that a missing OpenCC installation fails when the pipeline starts, not per record.
    private readonly OpenCcConverter _converter = OpenCcConverter.For(conversion, openCcDataDirectory);

    protected override TextVerdict Evaluate(string text, DataRecord record) =>
        TextVerdict.Rewrite(KeepBasicPlaneCharacters(text, _converter.Convert(text)));

    /// <summary>
    /// Restores each source character that the conversion moved out of the Basic Multilingual Plane.
    /// The texts are compared character by character, so a conversion that changed the number of
    /// characters (a phrase of another length) is returned unchanged.
    /// </summary>
    private static string KeepBasicPlaneCharacters(string source, string converted)
    {
        if (converted.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return converted;
        }

        var sourceRunes = source.EnumerateRunes().ToList();
        var convertedRunes = converted.EnumerateRunes().ToList();
        if (sourceRunes.Count != convertedRunes.Count)
        {
            return converted;
        }

        var builder = new StringBuilder(source.Length);
        for (var i = 0; i < sourceRunes.Count; i++)
        {
            var movedOutOfBasicPlane = sourceRunes[i].IsBmp && !convertedRunes[i].IsBmp;
            builder.Append(movedOutOfBasicPlane ? sourceRunes[i] : convertedRunes[i]);
        }

        return builder.ToString();
    }
}
