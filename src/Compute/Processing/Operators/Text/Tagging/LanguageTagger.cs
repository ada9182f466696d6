using System.Text.Json.Nodes;
using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Compute.Processing.Operators.Text.Analysis;
using PanguGraph.Domain.Processing.Catalogue;

namespace PanguGraph.Compute.Processing.Operators.Text.Tagging;

/// <summary>Adds <c>_tags.language</c> (zh, en or other) and <c>_tags.languageScore</c>.</summary>
public sealed class LanguageTagger(string textField) : TextRecordOperator(OperatorIds.LanguageTagger, textField)
{
    protected override TextVerdict Evaluate(string text, DataRecord record)
    {
        var guess = LanguageIdentifier.Identify(text);
        return TextVerdict.Tag(new Dictionary<string, JsonNode?>
        {
            ["language"] = guess.Language,
            ["languageScore"] = guess.Score,
        });
    }
}

/// <summary>Adds <c>_tags.lengthBucket</c>: short, medium or long by character count.</summary>
public sealed class LengthBucketTagger(string textField, long shortMaxLength, long mediumMaxLength)
    : TextRecordOperator(OperatorIds.LengthBucketTagger, textField)
{
    protected override TextVerdict Evaluate(string text, DataRecord record)
    {
        var length = CharacterClasses.CountCharacters(text);
        var bucket = "long";
        if (length <= shortMaxLength)
        {
            bucket = "short";
        }
        else if (length <= mediumMaxLength)
        {
            bucket = "medium";
        }

        return TextVerdict.Tag(new Dictionary<string, JsonNode?> { ["lengthBucket"] = bucket });
    }
}
