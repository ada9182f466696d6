namespace PanguGraph.Compute.Importing.Formats;

/// <summary>Stable codes of <see cref="RecordFormatException"/>.</summary>
public static class RecordErrorCodes
{
    public const string JsonlLineInvalid = "JSONL_LINE_INVALID";
    public const string JsonInvalid = "JSON_INVALID";
    public const string JsonNotArray = "JSON_NOT_ARRAY";
    public const string CsvRaggedRow = "CSV_RAGGED_ROW";
    public const string CsvHeaderMissing = "CSV_HEADER_MISSING";
    public const string CsvQuoteInvalid = "CSV_QUOTE_INVALID";
    public const string TextNotUtf8 = "TEXT_NOT_UTF8";
    public const string RecordTooLarge = "RECORD_TOO_LARGE";
    public const string ParquetInvalid = "PARQUET_INVALID";
    public const string MediaFormatMismatch = "MEDIA_FORMAT_MISMATCH";
    public const string UnsupportedExtension = "UNSUPPORTED_EXTENSION";
}

/// <summary>
/// Invalid source content, with messages in English and Chinese (zh-CN) that name the object, the
/// position and the fix. <see cref="Exception.Message"/> is the English message.
/// </summary>
public sealed class RecordFormatException : Exception
{
    private RecordFormatException(string code, string objectKey, long? line, string messageEn, string messageZh, Exception? inner)
        : base(messageEn, inner)
    {
        Code = code;
        ObjectKey = objectKey;
        Line = line;
        MessageEn = messageEn;
        MessageZh = messageZh;
    }

    /// <summary>One of <see cref="RecordErrorCodes"/>.</summary>
    public string Code { get; }

    public string ObjectKey { get; }

    /// <summary>1-based position as defined for <see cref="SourceRecord.Line"/>; null when the problem concerns the whole object.</summary>
    public long? Line { get; }

    public string MessageEn { get; }

    public string MessageZh { get; }

    internal static RecordFormatException JsonlLineInvalid(string key, long line, string detail, Exception? inner = null) => new(
        RecordErrorCodes.JsonlLineInvalid, key, line,
        $"Object '{key}', line {line}: the line is not a JSON object ({detail}). Each non-blank line of a JSONL file must hold exactly one JSON object; fix or remove the line.",
        $"对象“{key}”第 {line} 行：该行不是 JSON 对象（{detail}）。JSONL 文件的每个非空行必须恰好是一个 JSON 对象，请修正或删除该行。",
        inner);

    internal static RecordFormatException JsonInvalid(string key, long element, string detail, Exception? inner = null) => new(
        RecordErrorCodes.JsonInvalid, key, element,
        $"Object '{key}', array element {element}: {detail}. Fix the JSON so that the file is one array of objects.",
        $"对象“{key}”数组第 {element} 个元素：{detail}。请修正 JSON，使文件是一个由对象组成的数组。",
        inner);

    internal static RecordFormatException JsonNotArray(string key, string found) => new(
        RecordErrorCodes.JsonNotArray, key, null,
        $"Object '{key}' starts with {found}, but a JSON file must contain one top-level array of objects. Wrap the records in [ ], or import the file as JSONL with one object per line.",
        $"对象“{key}”以 {found} 开头，但 JSON 文件必须只包含一个顶层对象数组。请用 [ ] 包裹记录，或改为每行一个对象的 JSONL 格式导入。",
        null);

    internal static RecordFormatException CsvHeaderMissing(string key, string detail) => new(
        RecordErrorCodes.CsvHeaderMissing, key, 1,
        $"Object '{key}': the CSV header row is missing or invalid ({detail}). The first line must name every column, with unique, non-empty names.",
        $"对象“{key}”：CSV 表头行缺失或无效（{detail}）。第一行必须列出所有列名，列名不能为空且不能重复。",
        null);

    internal static RecordFormatException CsvRaggedRow(string key, long line, int found, int expected) => new(
        RecordErrorCodes.CsvRaggedRow, key, line,
        $"Object '{key}', line {line}: the row has {found} columns but the header has {expected}. Give every row the same number of columns as the header; quote values that contain commas.",
        $"对象“{key}”第 {line} 行：该行有 {found} 列，而表头有 {expected} 列。请让每行的列数与表头一致；包含逗号的值需要加引号。",
        null);

    internal static RecordFormatException CsvQuoteInvalid(string key, long? line, Exception inner) => new(
        RecordErrorCodes.CsvQuoteInvalid, key, line,
        $"Object '{key}'{LineSuffixEn(line)}: a quoted CSV field is malformed ({inner.Message}). Close every quoted field and write a quote inside a quoted field as two quotes (\"\").",
        $"对象“{key}”{LineSuffixZh(line)}：CSV 引号字段格式错误（{inner.Message}）。请闭合每个引号字段，字段内的引号需写成两个引号（\"\"）。",
        inner);

    internal static RecordFormatException TextNotUtf8(string key, long line) => new(
        RecordErrorCodes.TextNotUtf8, key, line,
        $"Object '{key}', line {line}: the text is not valid UTF-8. Convert the file to UTF-8 (for example from GBK) and import it again.",
        $"对象“{key}”第 {line} 行：文本不是有效的 UTF-8 编码。请将文件转换为 UTF-8（例如从 GBK 转换）后重新导入。",
        null);

    internal static RecordFormatException ElementNotUtf8(string key, long element) => new(
        RecordErrorCodes.TextNotUtf8, key, element,
        $"Object '{key}', array element {element}: the text is not valid UTF-8. Convert the file to UTF-8 (for example from GBK) and import it again.",
        $"对象“{key}”数组第 {element} 个元素：文本不是有效的 UTF-8 编码。请将文件转换为 UTF-8（例如从 GBK 转换）后重新导入。",
        null);

    internal static RecordFormatException RecordTooLarge(string key, long? line, long maxBytes) => new(
        RecordErrorCodes.RecordTooLarge, key, line,
        $"Object '{key}'{LineSuffixEn(line)}: the record is larger than the maximum of {maxBytes} bytes. Split the record, or check for a missing line break or an unclosed quote.",
        $"对象“{key}”{LineSuffixZh(line)}：记录超过 {maxBytes} 字节的上限。请拆分该记录，或检查是否缺少换行符或引号未闭合。",
        null);

    internal static RecordFormatException ParquetInvalid(string key, Exception inner) => new(
        RecordErrorCodes.ParquetInvalid, key, null,
        $"Object '{key}' is not a readable Parquet file ({inner.Message}). Check that the upload is complete and that the file was written as Parquet.",
        $"对象“{key}”不是可读取的 Parquet 文件（{inner.Message}）。请确认文件已完整上传，并且确实以 Parquet 格式写入。",
        inner);

    internal static RecordFormatException MediaFormatMismatch(string key, string detailEn, string detailZh) => new(
        RecordErrorCodes.MediaFormatMismatch, key, null,
        $"Object '{key}': {detailEn}. Upload a file whose content matches its extension and the dataset's media type.",
        $"对象“{key}”：{detailZh}。请上传内容与扩展名及数据集媒体类型一致的文件。",
        null);

    internal static RecordFormatException UnsupportedExtension(string key, string extension, string supported) => new(
        RecordErrorCodes.UnsupportedExtension, key, null,
        $"Object '{key}' has the unsupported extension '{extension}'. Supported extensions: {supported}.",
        $"对象“{key}”的扩展名“{extension}”不受支持。支持的扩展名：{supported}。",
        null);

    private static string LineSuffixEn(long? line) => line is null ? "" : $", line {line}";

    private static string LineSuffixZh(long? line) => line is null ? "" : $"第 {line} 行";
}
