namespace PanguGraph.Domain.Datasets;

/// <summary>
/// The kind of data a dataset holds (the manual's dataset type). Stored by name.
/// </summary>
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
