using static PanguGraph.Domain.Processing.Catalogue.CommonParameters;

namespace PanguGraph.Domain.Processing.Catalogue;

internal static class ImageOperatorDefinitions
{
    public static IReadOnlyList<OperatorDefinition> All =>
    [
        Define(OperatorIds.ImageDecodabilityFilter, OperatorKind.Filter, ImageOnly,
            ("Decodable image filter", "图片可解码过滤"),
            ("Removes images that cannot be decoded completely, such as truncated or corrupt files.",
             "删除无法完整解码的图片，例如被截断或已损坏的文件。"),
            []),

        Define(OperatorIds.ImageResolutionFilter, OperatorKind.Filter, ImageOnly,
            ("Image resolution filter", "图片分辨率过滤"),
            ("Keeps images whose width and height in pixels lie within the ranges.",
             "保留宽度和高度（像素）都在范围内的图片。"),
            [
                Integer("minWidth", 64, 1, 100_000, "Minimum width in pixels.", "最小宽度（像素）。"),
                Integer("maxWidth", 16_384, 1, 100_000, "Maximum width in pixels.", "最大宽度（像素）。"),
                Integer("minHeight", 64, 1, 100_000, "Minimum height in pixels.", "最小高度（像素）。"),
                Integer("maxHeight", 16_384, 1, 100_000, "Maximum height in pixels.", "最大高度（像素）。"),
            ],
            ParameterValidation.NotAbove("minWidth", "maxWidth"),
            ParameterValidation.NotAbove("minHeight", "maxHeight")),

        Define(OperatorIds.ImageAspectRatioFilter, OperatorKind.Filter, ImageOnly,
            ("Image aspect ratio filter", "图片宽高比过滤"),
            ("Keeps images whose width divided by height lies within the range.",
             "保留宽度除以高度的比值在范围内的图片。"),
            [
                Number("minAspectRatio", 0.333, 0.01, 100, "Minimum width / height.", "宽高比下限。"),
                Number("maxAspectRatio", 3.0, 0.01, 100, "Maximum width / height.", "宽高比上限。"),
            ],
            ParameterValidation.NotAbove("minAspectRatio", "maxAspectRatio")),

        Define(OperatorIds.ImageExactDeduplicator, OperatorKind.Deduplicator, ImageOnly,
            ("Exact image deduplication", "图片精确去重"),
            ("Removes images whose file content is byte for byte equal to an earlier image.",
             "删除文件内容与更早图片逐字节相同的图片。"),
            []),

        Define(OperatorIds.ImagePerceptualDeduplicator, OperatorKind.Deduplicator, ImageOnly,
            ("Near-duplicate image removal (perceptual hash)", "图片近似去重（感知哈希）"),
            ("Removes images whose 64-bit difference hash (dHash) lies within a Hamming distance of an earlier image, which catches resized and recompressed copies.",
             "删除 64 位差值哈希（dHash）与更早图片的汉明距离不超过阈值的图片，可识别缩放和重新压缩的副本。"),
            [
                Integer("maxHammingDistance", 6, 0, 15, "Largest number of differing hash bits that still counts as a duplicate.", "仍视为重复的最大哈希位差异数。"),
            ]),
    ];
}
