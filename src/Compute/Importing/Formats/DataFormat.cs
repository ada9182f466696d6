namespace PanguGraph.Compute.Importing.Formats;

/// <summary>File format of the objects an import reads.</summary>
public enum DataFormat
{
    Jsonl,
    Json,
    Csv,
    Parquet,
    MediaFile,
}

/// <summary>Kind of a binary media file.</summary>
public enum MediaKind
{
    Image,
    Audio,
    Video,
}
