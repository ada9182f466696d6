using System.Text.Json.Nodes;
using PanguGraph.Compute.Processing.Operators.Contracts;
using SkiaSharp;

namespace PanguGraph.Compute.Processing.Operators.Image;

/// <summary>Header facts of an image, read without decoding its pixels.</summary>
public sealed record ImageHeader(int Width, int Height, string Format);

/// <summary>Base of image filters: reads the record's bytes and header and reports unreadable ones.</summary>
public abstract class ImageRecordOperator(string operatorId) : IRecordOperator
{
    private static readonly IReadOnlyDictionary<string, JsonNode?> NoTags = new Dictionary<string, JsonNode?>();

    public string OperatorId { get; } = operatorId;

    public BatchResult Process(IReadOnlyList<DataRecord> batch) => new(batch.Select(ProcessOne).ToList());

    /// <summary>Returns null to keep the image, or the reason to remove it.</summary>
    protected abstract OutcomeReason? Evaluate(byte[] content, ImageHeader header);

    /// <summary>Reads width, height and format from the encoded header, or null when no codec recognises it.</summary>
    public static ImageHeader? ReadHeader(byte[] content)
    {
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        return codec is null ? null : new ImageHeader(codec.Info.Width, codec.Info.Height, codec.EncodedFormat.ToString());
    }

    protected virtual RecordOutcome? HandleUnreadable(DataRecord record) => null;

    private RecordOutcome ProcessOne(DataRecord record)
    {
        if (record.Content is not { Length: > 0 } content)
        {
            return Outcome(record, RecordDisposition.Unprocessable, new OutcomeReason(OutcomeCodes.ImageContentMissing, "Record carries no image bytes."));
        }

        var header = ReadHeader(content);
        if (header is null)
        {
            return HandleUnreadable(record)
                ?? Outcome(record, RecordDisposition.Unprocessable, new OutcomeReason(OutcomeCodes.ImageUndecodable, "No image codec recognises the content."));
        }

        var reason = Evaluate(content, header);
        return reason is null
            ? Outcome(record, RecordDisposition.Kept, null)
            : Outcome(record, RecordDisposition.Removed, reason);
    }

    protected static RecordOutcome Outcome(DataRecord record, RecordDisposition disposition, OutcomeReason? reason) =>
        new(record.Id, disposition, reason, null, NoTags, disposition == RecordDisposition.Removed ? null : record);
}
