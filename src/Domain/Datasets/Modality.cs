namespace PanguGraph.Domain.Datasets;

/// <summary>
/// Kind of data in a dataset (the product's dataset type). Stored by name.
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
