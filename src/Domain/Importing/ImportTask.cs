using NodaTime;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Spaces;

namespace PanguGraph.Domain.Importing;

public enum ImportStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>
/// Write model of an import task: the request, the current attempt and its outcome.
/// </summary>
public sealed record ImportTask(
    Guid Id,
    Guid SpaceId,
    Guid DatasetId,
    ImportTaskCreated Request,
    ImportStatus Status,
    int Attempt)
{
    public const int MaxExplicitKeys = 1000;

    public bool IsFinished => Status is ImportStatus.Succeeded or ImportStatus.Failed;

    public static ImportTask? Evolve(ImportTask? state, object @event) => @event switch
    {
        ImportTaskCreated e => new ImportTask(e.TaskId, e.SpaceId, e.DatasetId, e, ImportStatus.Queued, 0),
        ImportStarted e when state is not null => state with { Status = ImportStatus.Running, Attempt = e.Attempt },
        ImportSucceeded when state is not null => state with { Status = ImportStatus.Succeeded },
        ImportFailed when state is not null => state with { Status = ImportStatus.Failed },
        _ => state,
    };

    public static Decision Open(ImportTaskCreated request, Space space, Caller caller)
    {
        var error = space.Authorize(caller, Permission.ManageDatasets)
                    ?? Text.RequireName(request.DatasetName, "datasetName", Dataset.MaxNameLength)
                    ?? Text.LimitLength(request.Description, "description", Dataset.MaxDescriptionLength)
                    ?? ValidateFormat(request.Modality, request.Format)
                    ?? ValidateSource(request.Source)
                    ?? request.ExtendedInfo.Validate();
        if (error is not null)
        {
            return error;
        }

        return Decision.Accept(request with { DatasetName = request.DatasetName.Trim(), By = caller.UserId });
    }

    /// <summary>
    /// Starts an attempt. Returns no events when the task already finished, so a redelivered job
    /// message does nothing.
    /// </summary>
    public Decision Start(int objectCount, long totalBytes, string worker, Instant now) =>
        IsFinished
            ? Decision.Accept()
            : Decision.Accept(new ImportStarted(Id, Attempt + 1, objectCount, totalBytes, worker, now));

    private static DomainError? ValidateFormat(Modality modality, FileFormat format)
    {
        var allowed = FileFormats.AllowedFor(modality);
        if (allowed.Contains(format))
        {
            return null;
        }

        var list = string.Join(", ", allowed.Select(ApiNames.Of));
        return new DomainError(
            "FORMAT_NOT_SUPPORTED",
            $"Format {ApiNames.Of(format)} cannot be imported into a dataset of type {ApiNames.Of(modality)}. Use one of: {list}.",
            $"{ApiNames.Of(modality)} 类型的数据集不支持 {ApiNames.Of(format)} 格式。可选格式：{list}。",
            ["format"]);
    }

    private static DomainError? ValidateSource(ImportSource source)
    {
        if (string.IsNullOrWhiteSpace(source.Bucket))
        {
            return Errors.Required("source.bucket").AtField("source", "bucket");
        }

        if (string.IsNullOrWhiteSpace(source.Prefix) && source.Keys.Count == 0)
        {
            return new DomainError(
                "SOURCE_EMPTY",
                "Give either a prefix or a list of object keys to import.",
                "请填写对象前缀或对象键列表，至少一项。",
                ["source"]);
        }

        if (!string.IsNullOrWhiteSpace(source.Prefix) && source.Keys.Count > 0)
        {
            return new DomainError(
                "SOURCE_AMBIGUOUS",
                "Give a prefix or a list of object keys, not both.",
                "对象前缀与对象键列表只能二选一。",
                ["source"]);
        }

        if (source.Keys.Count > MaxExplicitKeys)
        {
            return new DomainError(
                "TOO_MANY_KEYS",
                $"At most {MaxExplicitKeys} explicit keys are allowed; use a prefix for more objects.",
                $"对象键列表最多 {MaxExplicitKeys} 个；更多对象请使用前缀导入。",
                ["source", "keys"]);
        }

        for (var i = 0; i < source.Keys.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(source.Keys[i]))
            {
                return Errors.Required("source.keys").AtField("source", "keys", i.ToString());
            }
        }

        return null;
    }
}
