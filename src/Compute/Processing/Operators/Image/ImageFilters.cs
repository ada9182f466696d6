using System.Globalization;
using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Domain.Processing.Catalogue;
using SkiaSharp;

namespace PanguGraph.Compute.Processing.Operators.Image;

/// <summary>
/// Removes images that do not decode completely. A file with a valid header but truncated or
/// corrupt pixel data is removed too, because the codec reports incomplete input for it.
/// </summary>
public sealed class ImageDecodabilityFilter() : ImageRecordOperator(OperatorIds.ImageDecodabilityFilter)
{
    protected override RecordOutcome? HandleUnreadable(DataRecord record) =>
        Outcome(record, RecordDisposition.Removed, new OutcomeReason(OutcomeCodes.ImageUndecodable, "No image codec recognises the content."));

    protected override OutcomeReason? Evaluate(byte[] content, ImageHeader header)
    {
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        var info = codec.Info.WithColorType(SKColorType.Rgba8888).WithAlphaType(SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        return result == SKCodecResult.Success
            ? null
            : new OutcomeReason(OutcomeCodes.ImageUndecodable, $"{header.Format} image of {header.Width}×{header.Height} failed to decode: {result}");
    }
}

/// <summary>Keeps images whose width and height lie within the ranges.</summary>
public sealed class ImageResolutionFilter(long minWidth, long maxWidth, long minHeight, long maxHeight)
    : ImageRecordOperator(OperatorIds.ImageResolutionFilter)
{
    protected override OutcomeReason? Evaluate(byte[] content, ImageHeader header)
    {
        if (header.Width < minWidth || header.Width > maxWidth)
        {
            return new OutcomeReason("IMAGE_WIDTH_OUT_OF_RANGE", $"width {header.Width} px, allowed [{minWidth}, {maxWidth}]");
        }

        return header.Height < minHeight || header.Height > maxHeight
            ? new OutcomeReason("IMAGE_HEIGHT_OUT_OF_RANGE", $"height {header.Height} px, allowed [{minHeight}, {maxHeight}]")
            : null;
    }
}

/// <summary>Keeps images whose width / height lies within the range.</summary>
public sealed class ImageAspectRatioFilter(double minAspectRatio, double maxAspectRatio)
    : ImageRecordOperator(OperatorIds.ImageAspectRatioFilter)
{
    protected override OutcomeReason? Evaluate(byte[] content, ImageHeader header)
    {
        var ratio = (double)header.Width / header.Height;
        return ratio < minAspectRatio || ratio > maxAspectRatio
            ? new OutcomeReason("IMAGE_ASPECT_RATIO_OUT_OF_RANGE",
                string.Create(CultureInfo.InvariantCulture, $"aspect ratio {ratio:0.###} ({header.Width}×{header.Height}), allowed [{minAspectRatio:0.###}, {maxAspectRatio:0.###}]"))
            : null;
    }
}
