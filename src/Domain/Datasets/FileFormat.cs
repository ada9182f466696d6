namespace PanguGraph.Domain.Datasets;

/// <summary>
/// How source objects are laid out. Record formats hold many records per object; MediaFiles
/// means one image, audio or video file per record, recognised by extension and magic bytes.
/// </summary>
public enum FileFormat
{
    Jsonl,
    Json,
    Csv,
    Parquet,
    MediaFiles,
}

public static class FileFormats
{
    private static readonly FileFormat[] RecordFormats = [FileFormat.Jsonl, FileFormat.Json, FileFormat.Csv, FileFormat.Parquet];

    /// <summary>
    /// Formats accepted per modality. Image, audio and video datasets are imported as media files;
    /// every other modality is record-based (text, tabular prediction data, multimodal manifests).
    /// </summary>
    // NOTE: weather data arrives as tables here; gridded formats (NetCDF, GRIB) are not read yet.
    public static IReadOnlyList<FileFormat> AllowedFor(Modality modality) => modality switch
    {
        Modality.Image or Modality.Audio or Modality.Video => [FileFormat.MediaFiles],
        _ => RecordFormats,
    };
}
