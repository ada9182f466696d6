using PanguGraph.Compute.Importing.Formats;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Importing.Formats;

public sealed class MediaFileInspectorTests
{
    public static TheoryData<string, byte[], MediaKind, string> Samples => new()
    {
        { "a.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], MediaKind.Image, "image/png" },
        { "a.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0, 16], MediaKind.Image, "image/jpeg" },
        { "a.jpeg", [0xFF, 0xD8, 0xFF, 0xDB], MediaKind.Image, "image/jpeg" },
        { "a.gif", "GIF89a\x01\0"u8.ToArray(), MediaKind.Image, "image/gif" },
        { "a.webp", "RIFF\x10\0\0\0WEBPVP8 "u8.ToArray(), MediaKind.Image, "image/webp" },
        { "a.bmp", "BM\x36\0\0\0"u8.ToArray(), MediaKind.Image, "image/bmp" },
        { "a.wav", "RIFF\x24\0\0\0WAVEfmt "u8.ToArray(), MediaKind.Audio, "audio/wav" },
        { "a.mp3", "ID3\x04\0\0"u8.ToArray(), MediaKind.Audio, "audio/mpeg" },
        { "b.mp3", [0xFF, 0xFB, 0x90, 0x64], MediaKind.Audio, "audio/mpeg" },
        { "a.flac", "fLaC\0\0\0\x22"u8.ToArray(), MediaKind.Audio, "audio/flac" },
        { "a.ogg", "OggS\0\x02"u8.ToArray(), MediaKind.Audio, "audio/ogg" },
        { "a.mp4", [0, 0, 0, 0x20, .. "ftypisom"u8, 0, 0, 2, 0], MediaKind.Video, "video/mp4" },
        { "a.mov", [0, 0, 0, 0x14, .. "ftypqt  "u8, 0, 0, 0, 0], MediaKind.Video, "video/quicktime" },
        { "a.webm", [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, .. "webm"u8], MediaKind.Video, "video/webm" },
        { "a.mkv", [0x1A, 0x45, 0xDF, 0xA3, 0xA3, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x88, .. "matroska"u8], MediaKind.Video, "video/x-matroska" },
        { "a.avi", "RIFF\0\0\0\0AVI LIST"u8.ToArray(), MediaKind.Video, "video/x-msvideo" },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void inspect_detects_signature(string key, byte[] head, MediaKind kind, string mediaType)
    {
        var result = MediaFileInspector.Inspect(head, key, kind);

        result.Error.ShouldBeNull();
        result.IsValid.ShouldBeTrue();
        result.MediaType.ShouldBe(mediaType);
        result.Kind.ShouldBe(kind);
    }

    [Fact]
    public void inspect_rejects_content_not_matching_extension()
    {
        var result = MediaFileInspector.Inspect("GIF89a\x01\0"u8, "photos/cat.png", MediaKind.Image);

        result.IsValid.ShouldBeFalse();
        result.Error!.Code.ShouldBe(RecordErrorCodes.MediaFormatMismatch);
        result.Error.ObjectKey.ShouldBe("photos/cat.png");
        result.Error.MessageEn.ShouldContain("image/gif");
    }

    [Fact]
    public void inspect_rejects_kind_other_than_expected()
    {
        var result = MediaFileInspector.Inspect("fLaC\0\0\0\x22"u8, "song.flac", MediaKind.Image);

        result.Error!.Code.ShouldBe(RecordErrorCodes.MediaFormatMismatch);
        result.Error.MessageZh.ShouldContain("图片");
    }

    [Fact]
    public void inspect_rejects_unknown_extension()
    {
        var result = MediaFileInspector.Inspect("%PDF-1.7"u8, "doc.pdf", MediaKind.Image);

        result.Error!.Code.ShouldBe(RecordErrorCodes.UnsupportedExtension);
        result.Error.MessageEn.ShouldContain(".pdf");
    }

    [Fact]
    public void inspect_rejects_text_posing_as_video()
    {
        var result = MediaFileInspector.Inspect("hello world, not a video"u8, "clip.mp4", MediaKind.Video);

        result.Error!.Code.ShouldBe(RecordErrorCodes.MediaFormatMismatch);
    }
}
