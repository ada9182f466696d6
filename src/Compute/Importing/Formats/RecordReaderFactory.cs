namespace PanguGraph.Compute.Importing.Formats;

public static class RecordReaderFactory
{
    /// <summary>
    /// Returns the reader for <paramref name="format"/>. For media files, <paramref name="mediaKind"/> is the kind
    /// every file must be; null accepts any supported kind that matches the file's extension.
    /// </summary>
    public static IRecordReader For(DataFormat format, MediaKind? mediaKind = null) => format switch
    {
        DataFormat.Jsonl => new JsonlRecordReader(),
        DataFormat.Json => new JsonArrayRecordReader(),
        DataFormat.Csv => new CsvRecordReader(),
        DataFormat.Parquet => new ParquetRecordReader(),
        DataFormat.MediaFile => new MediaFileRecordReader(mediaKind),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown data format."),
    };
}
