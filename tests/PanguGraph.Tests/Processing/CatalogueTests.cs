using System.Text.Json;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Processing.Catalogue;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Processing;

public class CatalogueTests
{
    private static Dictionary<string, JsonElement?> Values(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!
            .ToDictionary(pair => pair.Key, pair => (JsonElement?)pair.Value);

    [Fact]
    public void catalogue_entries_are_complete()
    {
        OperatorCatalogue.All.Count.ShouldBeGreaterThanOrEqualTo(26);
        OperatorCatalogue.All.Select(op => op.Id).Distinct().Count().ShouldBe(OperatorCatalogue.All.Count);
        foreach (var definition in OperatorCatalogue.All)
        {
            definition.Id.ShouldMatch(@"^(text|image)\.[a-z0-9_]+$");
            definition.DisplayName.En.ShouldNotBeNullOrWhiteSpace();
            definition.DisplayName.ZhCn.ShouldNotBeNullOrWhiteSpace();
            definition.Description.ZhCn.ShouldNotBeNullOrWhiteSpace();
            foreach (var parameter in definition.Parameters)
            {
                parameter.Description.En.ShouldNotBeNullOrWhiteSpace();
                parameter.Description.ZhCn.ShouldNotBeNullOrWhiteSpace();
                if (parameter.Type == ParameterType.Enum)
                {
                    parameter.AllowedValues.ShouldNotBeNull();
                    parameter.AllowedValues.ShouldContain((string)parameter.Default!);
                }
            }

            // Defaults alone must pass validation unless a parameter is required without default.
            if (definition.Parameters.All(parameter => !parameter.Required || parameter.Default is not null))
            {
                OperatorCatalogue.ValidateParameters(definition.Id, new Dictionary<string, JsonElement?>()).Errors.ShouldBeEmpty(definition.Id);
            }
        }
    }

    [Fact]
    public void for_modality_filters_by_modality()
    {
        var text = OperatorCatalogue.ForModality(Modality.Text);
        var image = OperatorCatalogue.ForModality(Modality.Image);

        text.ShouldContain(op => op.Id == OperatorIds.PiiMask);
        text.ShouldNotContain(op => op.Id.StartsWith("image.", StringComparison.Ordinal));
        image.ShouldContain(op => op.Id == OperatorIds.ImagePerceptualDeduplicator);
        image.ShouldAllBe(op => op.Id.StartsWith("image.", StringComparison.Ordinal));
        OperatorCatalogue.ForModality(Modality.Audio).ShouldBeEmpty();
        OperatorCatalogue.Find(OperatorIds.MinHashDeduplicator)!.Kind.ShouldBe(OperatorKind.Deduplicator);
        OperatorCatalogue.Find("text.nope").ShouldBeNull();
    }

    [Fact]
    public void validation_applies_defaults()
    {
        var result = OperatorCatalogue.ValidateParameters(OperatorIds.LengthFilter, Values("""{"minLength": 3}"""));

        result.IsValid.ShouldBeTrue();
        result.Parameters!.GetInteger("minLength").ShouldBe(3);
        result.Parameters.GetInteger("maxLength").ShouldBe(100_000);
        result.Parameters.GetString("textField").ShouldBe("text");
    }

    [Fact]
    public void validation_rejects_unknown_operator()
    {
        var result = OperatorCatalogue.ValidateParameters("text.unknown", Values("{}"));

        result.Errors.Single().CodeName.ShouldBe("UNKNOWN_OPERATOR");
        result.Errors.Single().Message.En.ShouldContain("text.unknown");
        result.Errors.Single().Message.ZhCn.ShouldContain("text.unknown");
    }

    [Fact]
    public void validation_reports_each_error_code()
    {
        var result = OperatorCatalogue.ValidateParameters(OperatorIds.LengthFilter,
            Values("""{"minLength": "ten", "maxLength": 0, "colour": "red", "textField": ""}"""));

        result.IsValid.ShouldBeFalse();
        result.Parameters.ShouldBeNull();
        var byParameter = result.Errors.ToDictionary(error => error.Parameter!);
        byParameter["minLength"].CodeName.ShouldBe("PARAMETER_TYPE_INVALID");
        byParameter["maxLength"].CodeName.ShouldBe("PARAMETER_OUT_OF_RANGE");
        byParameter["maxLength"].AllowedRange.ShouldBe("[1, 10000000]");
        byParameter["colour"].CodeName.ShouldBe("UNKNOWN_PARAMETER");
        byParameter["textField"].CodeName.ShouldBe("PARAMETER_REQUIRED");
        result.Errors.ShouldAllBe(error => error.Message.En.Length > 0 && error.Message.ZhCn.Length > 0);
    }

    [Fact]
    public void validation_requires_words_without_default()
    {
        var result = OperatorCatalogue.ValidateParameters(OperatorIds.SensitiveWordMask, Values("{}"));

        result.Errors.Single().CodeName.ShouldBe("PARAMETER_REQUIRED");
        result.Errors.Single().Parameter.ShouldBe("words");
    }

    [Fact]
    public void validation_checks_integer_and_enum_values()
    {
        var fraction = OperatorCatalogue.ValidateParameters(OperatorIds.LengthFilter, Values("""{"minLength": 2.5}"""));
        var badEnum = OperatorCatalogue.ValidateParameters(OperatorIds.TraditionalToSimplified, Values("""{"conversion": "s2t"}"""));
        var badListItem = OperatorCatalogue.ValidateParameters(OperatorIds.PiiMask, Values("""{"kinds": ["email", "passport"]}"""));
        var emptyList = OperatorCatalogue.ValidateParameters(OperatorIds.PiiMask, Values("""{"kinds": []}"""));

        fraction.Errors.Single().CodeName.ShouldBe("PARAMETER_TYPE_INVALID");
        badEnum.Errors.Single().CodeName.ShouldBe("PARAMETER_OUT_OF_RANGE");
        badEnum.Errors.Single().AllowedRange.ShouldBe("t2s, tw2s, tw2sp, hk2s");
        badListItem.Errors.Single().Message.En.ShouldContain("passport");
        emptyList.Errors.Single().CodeName.ShouldBe("PARAMETER_OUT_OF_RANGE");
    }

    [Fact]
    public void validation_treats_null_as_default()
    {
        var result = OperatorCatalogue.ValidateParameters(OperatorIds.LengthFilter, Values("""{"minLength": null}"""));

        result.Parameters!.GetInteger("minLength").ShouldBe(10);
    }

    [Fact]
    public void cross_rule_min_above_max()
    {
        var result = OperatorCatalogue.ValidateParameters(OperatorIds.LengthFilter, Values("""{"minLength": 500, "maxLength": 100}"""));

        var error = result.Errors.Single();
        error.CodeName.ShouldBe("PARAMETER_CONFLICT");
        error.Parameter.ShouldBe("minLength");
        error.Message.En.ShouldContain("500");
        error.Message.ZhCn.ShouldContain("maxLength");
    }

    [Fact]
    public void cross_rule_bands_divide_permutations()
    {
        var bad = OperatorCatalogue.ValidateParameters(OperatorIds.MinHashDeduplicator, Values("""{"permutations": 128, "bands": 24}"""));
        var good = OperatorCatalogue.ValidateParameters(OperatorIds.MinHashDeduplicator, Values("""{"permutations": 120, "bands": 24}"""));

        bad.Errors.Single().Parameter.ShouldBe("bands");
        bad.Errors.Single().CodeName.ShouldBe("PARAMETER_CONFLICT");
        bad.Errors.Single().Message.En.ShouldContain("16");
        good.IsValid.ShouldBeTrue();
        good.Parameters!.GetInteger("bands").ShouldBe(24);
    }

    [Fact]
    public void cross_rules_of_other_operators()
    {
        OperatorCatalogue.ValidateParameters(OperatorIds.KeywordTagger, Values("""{"keywordTags": ["股票=finance", "nokeyword"]}"""))
            .Errors.Single().Message.En.ShouldContain("nokeyword");
        OperatorCatalogue.ValidateParameters(OperatorIds.LengthBucketTagger, Values("""{"shortMaxLength": 300, "mediumMaxLength": 300}"""))
            .Errors.Single().Parameter.ShouldBe("shortMaxLength");
        OperatorCatalogue.ValidateParameters(OperatorIds.QaCompletenessFilter, Values("""{"questionField": "q", "answerField": "q"}"""))
            .Errors.Single().Parameter.ShouldBe("answerField");
        OperatorCatalogue.ValidateParameters(OperatorIds.SensitiveWordMask, Values("""{"words": ["x"], "maskCharacter": "**"}"""))
            .Errors.Single().Parameter.ShouldBe("maskCharacter");
        OperatorCatalogue.ValidateParameters(OperatorIds.ImageResolutionFilter, Values("""{"minHeight": 900, "maxHeight": 800}"""))
            .Errors.Single().Parameter.ShouldBe("minHeight");
    }
}
