namespace PanguGraph.Compute.Importing.Formats;

/// <summary>Outcome of <see cref="MediaFileInspector.Inspect"/>: the detected media type, or the reason the file was rejected.</summary>
public sealed record MediaProbeResult(string? MediaType, MediaKind? Kind, RecordFormatException? Error)
{
    public bool IsValid => Error is null;
}

/// <summary>
/// Checks a media file by its extension and by the signature in its first bytes
/// (<see cref="HeadBytes"/> are enough for every supported type).
/// </summary>
public static class MediaFileInspector
{
    public const int HeadBytes = 64;

    private sealed record MediaType(string Extension, string Name, MediaKind Kind, Func<ReadOnlySpan<byte>, bool>? Matches = null);

    private static readonly MediaType[] Types =
    [
        new(".png", "image/png", MediaKind.Image),
        new(".jpg", "image/jpeg", MediaKind.Image),
        new(".jpeg", "image/jpeg", MediaKind.Image),
        new(".gif", "image/gif", MediaKind.Image),
        new(".webp", "image/webp", MediaKind.Image),
        new(".bmp", "image/bmp", MediaKind.Image),
        new(".wav", "audio/wav", MediaKind.Audio),
        new(".mp3", "audio/mpeg", MediaKind.Audio),
        new(".flac", "audio/flac", MediaKind.Audio),
        new(".ogg", "audio/ogg", MediaKind.Audio),
        new(".mp4", "video/mp4", MediaKind.Video),
        new(".mov", "video/quicktime", MediaKind.Video),
        new(".webm", "video/webm", MediaKind.Video),
        new(".mkv", "video/x-matroska", MediaKind.Video),
        new(".avi", "video/x-msvideo", MediaKind.Video),
    ];

    public static string SupportedExtensions { get; } = string.Join(", ", Types.Select(type => type.Extension));

    public static MediaProbeResult Inspect(ReadOnlySpan<byte> head, string objectKey, MediaKind expected)
    {
        var extension = Path.GetExtension(objectKey).ToLowerInvariant();
        var declared = Array.Find(Types, type => type.Extension == extension);
        if (declared is null)
        {
            return Fail(RecordFormatException.UnsupportedExtension(objectKey, extension, SupportedExtensions));
        }

        if (declared.Kind != expected)
        {
            return Fail(RecordFormatException.MediaFormatMismatch(
                objectKey,
                $"the extension '{extension}' is a {Describe(declared.Kind)} file, but this dataset expects {Describe(expected)} files",
                $"扩展名“{extension}”属于{DescribeZh(declared.Kind)}文件，但该数据集要求{DescribeZh(expected)}文件"));
        }

        var detected = Detect(head);
        if (detected is null || Container(detected) != Container(declared.Name))
        {
            var found = detected ?? "no known media signature";
            return Fail(RecordFormatException.MediaFormatMismatch(
                objectKey,
                $"the extension '{extension}' declares {declared.Name}, but the content starts with {found}",
                $"扩展名“{extension}”表示 {declared.Name}，但文件内容的开头是 {(detected ?? "无法识别的媒体签名")}"));
        }

        return new MediaProbeResult(declared.Name, declared.Kind, null);
    }

    /// <summary>Returns the media kind of <paramref name="objectKey"/>'s extension, or null when the extension is not supported.</summary>
    public static MediaKind? KindOfExtension(string objectKey)
    {
        var extension = Path.GetExtension(objectKey).ToLowerInvariant();
        return Array.Find(Types, type => type.Extension == extension)?.Kind;
    }

    /// <summary>Returns the media type whose signature starts <paramref name="head"/>, or null.</summary>
    public static string? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        if (head.StartsWith("BM"u8))
        {
            return "image/bmp";
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8))
        {
            // RIFF containers carry their form type at bytes 8-11.
            var form = head.Slice(8, 4);
            if (form.SequenceEqual("WEBP"u8))
            {
                return "image/webp";
            }

            if (form.SequenceEqual("WAVE"u8))
            {
                return "audio/wav";
            }

            if (form.SequenceEqual("AVI "u8))
            {
                return "video/x-msvideo";
            }
        }

        if (head.StartsWith("fLaC"u8))
        {
            return "audio/flac";
        }

        if (head.StartsWith("OggS"u8))
        {
            return "audio/ogg";
        }

        // An ID3v2 tag, or an MPEG audio frame header (11 set sync bits) at the very start.
        if (head.StartsWith("ID3"u8) || (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0))
        {
            return "audio/mpeg";
        }

        if (head.Length >= 12 && head.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            // ISO base media files share the ftyp box; the QuickTime brand is "qt  ".
            return head.Slice(8, 4).SequenceEqual("qt  "u8) ? "video/quicktime" : "video/mp4";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            // WebM and Matroska share the EBML header, and the DocType element after it names the variant.
            return head.IndexOf("webm"u8) >= 0 ? "video/webm" : "video/x-matroska";
        }

        return null;
    }

    /// <summary>
    /// Groups types that share one container format: MP4 and QuickTime are both ISO base media files,
    /// and WebM is a subset of Matroska, so their extensions are used interchangeably.
    /// </summary>
    private static string Container(string mediaType) => mediaType switch
    {
        "video/mp4" or "video/quicktime" => "iso-base-media",
        "video/webm" or "video/x-matroska" => "matroska",
        _ => mediaType,
    };

    private static MediaProbeResult Fail(RecordFormatException error) => new(null, null, error);

    private static string Describe(MediaKind kind) => kind.ToString().ToLowerInvariant();

    private static string DescribeZh(MediaKind kind) => kind switch
    {
        MediaKind.Image => "图片",
        MediaKind.Audio => "音频",
        _ => "视频",
    };
}
