using System.Text.Json.Nodes;
using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Compute.Processing.Operators.Deduplication;
using PanguGraph.Compute.Processing.Operators.Image;
using Shouldly;
using Xunit;
using SkiaSharp;

namespace PanguGraph.Tests.Processing;

public class ImageOperatorTests
{
    internal static byte[] Draw(int width, int height, int seed, SKEncodedImageFormat format = SKEncodedImageFormat.Png, int quality = 95)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
            using var paint = new SKPaint { IsAntialias = true };
            for (var i = 0; i < 12; i++)
            {
                paint.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                canvas.DrawCircle(random.Next(width), random.Next(height), random.Next(width / 8, width / 2), paint);
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    private static byte[] Rescale(byte[] png, int width, int height)
    {
        using var original = SKBitmap.Decode(png);
        using var scaled = original.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        using var image = SKImage.FromBitmap(scaled);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    }

    private static DataRecord Image(string id, byte[]? content) => new(id, new JsonObject { ["file"] = id + ".png" }, content);

    [Fact]
    public void decodability_removes_corrupt_files()
    {
        var good = Draw(64, 48, 1);
        var truncated = good[..(good.Length / 2)];
        var garbage = "not an image at all"u8.ToArray();

        var result = new ImageDecodabilityFilter().Process([Image("good", good), Image("truncated", truncated), Image("garbage", garbage), Image("empty", null)]);

        result.Outcomes.Select(o => o.Disposition).ShouldBe([
            RecordDisposition.Kept, RecordDisposition.Removed, RecordDisposition.Removed, RecordDisposition.Unprocessable]);
        result.Outcomes[1].Reason!.Code.ShouldBe(OutcomeCodes.ImageUndecodable);
        result.Outcomes[3].Reason!.Code.ShouldBe(OutcomeCodes.ImageContentMissing);
    }

    [Fact]
    public void resolution_filter_checks_both_sides()
    {
        var filter = new ImageResolutionFilter(32, 200, 32, 100);

        var result = filter.Process([Image("ok", Draw(100, 80, 2)), Image("narrow", Draw(20, 80, 3)), Image("tall", Draw(100, 150, 4))]);

        result.Outcomes.Select(o => o.Disposition).ShouldBe([RecordDisposition.Kept, RecordDisposition.Removed, RecordDisposition.Removed]);
        result.Outcomes[1].Reason!.Code.ShouldBe("IMAGE_WIDTH_OUT_OF_RANGE");
        result.Outcomes[2].Reason!.Detail.ShouldContain("height 150");
    }

    [Fact]
    public void aspect_ratio_filter()
    {
        var filter = new ImageAspectRatioFilter(0.5, 2.0);

        var result = filter.Process([Image("square", Draw(80, 80, 5)), Image("banner", Draw(300, 60, 6)), Image("garbage", [1, 2, 3])]);

        result.Outcomes.Select(o => o.Disposition).ShouldBe([RecordDisposition.Kept, RecordDisposition.Removed, RecordDisposition.Unprocessable]);
        result.Outcomes[1].Reason!.Detail.ShouldContain("aspect ratio 5");
    }

    [Fact]
    public void exact_image_dedup_across_shards()
    {
        var a = Draw(64, 64, 7);
        var b = Draw(64, 64, 8);
        var dedup = new ExactImageDeduplicator();

        var s0 = dedup.ComputeSignatures(0, [Image("a", a), Image("b", b)]);
        var s1 = dedup.ComputeSignatures(1, [Image("a-copy", a.ToArray()), Image("c", Draw(64, 64, 9))]);
        var decision = dedup.FindDuplicates([s0, s1]);

        decision.Duplicates.Single().RecordId.ShouldBe("a-copy");
        decision.Duplicates.Single().OriginalRecordId.ShouldBe("a");
    }

    [Fact]
    public void perceptual_dedup_finds_rescaled_copies()
    {
        var originals = Enumerable.Range(0, 8).Select(seed => Draw(256, 192, 100 + seed)).ToList();
        var records = originals.Select((png, i) => Image($"orig-{i}", png)).ToList();
        records.Add(Image("small-0", Rescale(originals[0], 128, 96)));
        records.Add(Image("jpeg-3", Rescale(originals[3], 256, 192)));
        records.Add(Image("broken", [0x89, 0x50, 0x4E, 0x47]));
        var dedup = new PerceptualImageDeduplicator(6);

        var signatures = dedup.ComputeSignatures(0, records);
        var decision = dedup.FindDuplicates([signatures]);
        var result = decision.Apply(signatures, records);

        decision.Duplicates.Select(match => (match.RecordId, match.OriginalRecordId)).ShouldBe([("small-0", "orig-0"), ("jpeg-3", "orig-3")], ignoreOrder: true);
        result.RemovedCount.ShouldBe(2);
        result.UnprocessableCount.ShouldBe(1);
        var hashes = originals.Select(png => PerceptualImageDeduplicator.DifferenceHash(png)!.Value).ToList();
        hashes.Distinct().Count().ShouldBe(8);
    }
}
