using PanguGraph.Domain.Datasets;

namespace PanguGraph.Domain.Annotation;

/// <summary>
/// What annotators produce for each item of a task (the manual's annotation item). The kind fixes
/// the modality of the dataset it applies to and the JSON shape of every annotation. Stored by name.
/// </summary>
public enum ItemKind
{
    TextSingleTurnQa,
    TextSingleTurnQaWithPersona,
    TextMultiTurnDialogue,
    TextAnswerRanking,
    TextPreferencePair,
    TextClassification,
    ImageCaption,
    ImageClassification,
    ImageObjectDetection,
    VideoSegmentLabels,
    VideoSegmentCaptions,
    AudioTranscription,
    AudioSegmentLabels,
}

public static class ItemKinds
{
    public static Modality ModalityOf(ItemKind kind) => kind switch
    {
        ItemKind.ImageCaption or ItemKind.ImageClassification or ItemKind.ImageObjectDetection => Modality.Image,
        ItemKind.VideoSegmentLabels or ItemKind.VideoSegmentCaptions => Modality.Video,
        ItemKind.AudioTranscription or ItemKind.AudioSegmentLabels => Modality.Audio,
        _ => Modality.Text,
    };

    /// <summary>
    /// Kinds whose items a model can pre-annotate: single-turn QA (with or without persona) and image captions.
    /// </summary>
    public static bool SupportsPreAnnotation(ItemKind kind) =>
        kind is ItemKind.TextSingleTurnQa or ItemKind.TextSingleTurnQaWithPersona or ItemKind.ImageCaption;

    /// <summary>
    /// Kinds whose annotations pick labels from the task's label set, which therefore must not be empty.
    /// </summary>
    public static bool UsesLabels(ItemKind kind) =>
        kind is ItemKind.TextClassification or ItemKind.ImageClassification or ItemKind.ImageObjectDetection
            or ItemKind.VideoSegmentLabels or ItemKind.AudioSegmentLabels;
}
