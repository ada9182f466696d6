namespace PanguGraph.Domain.Datasets;

/// <summary>Kind of content a dataset holds; decides which processing operators apply to it.</summary>
public enum Modality
{
    Text,
    Image,
    Video,
    Audio,
    Weather,
    Prediction,
    Multimodal,
    Other,
}
