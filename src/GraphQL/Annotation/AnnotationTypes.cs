using GraphQL.Types;
using PanguGraph.Domain.Annotation;
using PanguGraph.GraphQL.Schema;
using PanguGraph.Projections.Annotation;

namespace PanguGraph.GraphQL.Annotation;

public sealed class ItemKindEnum : EnumerationGraphType<ItemKind>
{
    public ItemKindEnum()
    {
        Name = "ItemKind";
        Description = "What annotators produce per item; fixes the dataset modality and the annotation's JSON shape. " +
                      "Unknown keys in a submitted annotation are dropped.";
        Describe(ItemKind.TextSingleTurnQa, """{"question": "…", "answer": "…"}""");
        Describe(ItemKind.TextSingleTurnQaWithPersona, """{"persona": "…", "question": "…", "answer": "…"}""");
        Describe(ItemKind.TextMultiTurnDialogue, """{"turns": [{"role": "user"|"assistant", "content": "…"}, …]}: at least 2 turns, both roles.""");
        Describe(ItemKind.TextAnswerRanking, """{"prompt": "…", "answers": ["…", "…"], "ranking": [answer indexes, best first]}""");
        Describe(ItemKind.TextPreferencePair, """{"prompt": "…", "chosen": "…", "rejected": "…"}: chosen and rejected differ.""");
        Describe(ItemKind.TextClassification, """{"label": one of the task's labels}""");
        Describe(ItemKind.ImageCaption, """{"caption": "…"}""");
        Describe(ItemKind.ImageClassification, """{"label": one of the task's labels}""");
        Describe(ItemKind.ImageObjectDetection, """{"boxes": [{"label": a task label, "x": px, "y": px, "width": px, "height": px}, …]}""");
        Describe(ItemKind.VideoSegmentLabels, """{"segments": [{"start": seconds, "end": seconds, "label": a task label}, …]}""");
        Describe(ItemKind.VideoSegmentCaptions, """{"segments": [{"start": seconds, "end": seconds, "caption": "…"}, …]}""");
        Describe(ItemKind.AudioTranscription, """{"text": "…"}""");
        Describe(ItemKind.AudioSegmentLabels, """{"segments": [{"start": seconds, "end": seconds, "label": a task label}, …]}""");
    }

    private void Describe(ItemKind kind, string shape)
    {
        var value = Values.FindByValue(kind) ?? throw new InvalidOperationException($"No enum value for {kind}.");
        value.Description = "Annotation shape: " + shape;
    }
}

public sealed class AnnotationRequirementEnum : EnumerationGraphType<AnnotationRequirement>
{
    public AnnotationRequirementEnum() => Name = "AnnotationRequirement";
}

public sealed class ReviewRequirementEnum : EnumerationGraphType<ReviewRequirement>
{
    public ReviewRequirementEnum() => Name = "ReviewRequirement";
}

public sealed class ItemStageEnum : EnumerationGraphType<ItemStage>
{
    public ItemStageEnum() => Name = "ItemStage";
}

public sealed class DutyEnum : EnumerationGraphType<Duty>
{
    public DutyEnum() => Name = "Duty";
}

public sealed class AnnotationOriginEnum : EnumerationGraphType<AnnotationOrigin>
{
    public AnnotationOriginEnum() => Name = "AnnotationOrigin";
}

public sealed class AnnotationTaskStatusEnum : EnumerationGraphType<AnnotationTaskStatus>
{
    public AnnotationTaskStatusEnum() => Name = "AnnotationTaskStatus";
}

public sealed class AssignmentType : ObjectGraphType<Assignment>
{
    public AssignmentType()
    {
        Name = "Assignment";
        Field(x => x.UserId);
        Field(x => x.Count).Description("Items allocated at creation.");
    }
}

public sealed class PersonProgressType : ObjectGraphType<PersonProgress>
{
    public PersonProgressType()
    {
        Name = "PersonProgress";
        Field(x => x.UserId);
        Field(x => x.AnnotationsHeld).Description("Items this person holds for annotation now (allocated, after transfers).");
        Field(x => x.Submits).Description("Annotations submitted, reworks included.");
        Field(x => x.Reworks).Description("Submits that answered a rejection or send-back.");
        Field(x => x.ReviewsHeld).Description("Items this person holds for review now.");
        Field(x => x.Passed);
        Field(x => x.Rejected);
    }
}

public sealed class AnnotationProgressType : ObjectGraphType<AnnotationProgressView>
{
    public AnnotationProgressType()
    {
        Name = "AnnotationProgress";
        Description = "Counts of a task kept by the async projection daemon; they may trail the latest submit by up to about a second.";
        Field(x => x.Total);
        Field(x => x.Unannotated);
        Field(x => x.InReview);
        Field(x => x.Rework);
        Field(x => x.Done);
        Field(x => x.Submits);
        Field(x => x.Reviews);
        Field(x => x.Rejections);
        Field(x => x.SentBack);
        Field(x => x.Transfers);
        Field(x => x.PreAnnotated);
        Field(x => x.PreAnnotationFailures);
        Field(x => x.AcceptedPreAnnotations);
        Field(x => x.RejectionRate).Description("Rejections divided by review decisions, 0 to 1.");
        Field(x => x.ReworkRounds).Description("Rejections plus send-backs.");
        Field(x => x.AverageSecondsInReview, nullable: true).Description("Mean time from submit to review decision, in seconds.");
        Field(x => x.Completed);
        Field<NonNullGraphType<LongGraphType>>("lastSequence").Description("Global sequence of the last event counted.").Resolve(ctx => ctx.Source.LastSequence);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PersonProgressType>>>>("people")
            .Resolve(ctx => ctx.Source.People.Values.OrderBy(p => p.UserId, StringComparer.Ordinal).ToList());
    }
}

public sealed class AnnotationTaskType : ObjectGraphType<AnnotationTaskView>
{
    public AnnotationTaskType()
    {
        Name = "AnnotationTask";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("spaceId").Resolve(ctx => ctx.Source.SpaceId);
        Field(x => x.Name);
        Field<NonNullGraphType<IdGraphType>>("datasetId").Resolve(ctx => ctx.Source.DatasetId);
        Field<NonNullGraphType<ModalityEnum>>("modality").Resolve(ctx => ctx.Source.Modality);
        Field<NonNullGraphType<ItemKindEnum>>("kind").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("labels").Resolve(ctx => ctx.Source.Labels);
        Field<NonNullGraphType<AnnotationRequirementEnum>>("annotationRequirement").Resolve(ctx => ctx.Source.AnnotationRequirement);
        Field(x => x.ReviewEnabled);
        Field<NonNullGraphType<ReviewRequirementEnum>>("reviewRequirement").Resolve(ctx => ctx.Source.ReviewRequirement);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AssignmentType>>>>("annotators").Resolve(ctx => ctx.Source.Annotators);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AssignmentType>>>>("reviewers").Resolve(ctx => ctx.Source.Reviewers);
        Field<IdGraphType>("modelEndpointId").Resolve(ctx => ctx.Source.ModelEndpointId);
        Field(x => x.ItemCount);
        Field<NonNullGraphType<AnnotationTaskStatusEnum>>("status").Resolve(ctx => ctx.Source.Status);
        Field<IdGraphType>("outputDatasetId").Description("The annotated dataset, once the task completed.").Resolve(ctx => ctx.Source.OutputDatasetId);
        Field(x => x.CreatedBy);
        Field<NonNullGraphType<InstantGraphType>>("createdAt").Resolve(ctx => ctx.Source.CreatedAt);
        Field<InstantGraphType>("completedAt").Resolve(ctx => ctx.Source.CompletedAt);
        Field<NonNullGraphType<LongGraphType>>("version").Resolve(ctx => ctx.Source.Version);
        Field<AnnotationProgressType>("progress")
            .Description("Live counts; null until the projection daemon has counted the task's first events.")
            .ResolveAsync(async ctx => await ctx.Service<Marten.IQuerySession>().LoadAsync<AnnotationProgressView>(ctx.Source.Id, ctx.CancellationToken));
    }
}

/// <summary>
/// Text before and after annotation, for reviewers of text tasks.
/// </summary>
public sealed record TextComparison(string Source, string? Annotation, string? PreviousAnnotation);

public sealed class TextComparisonType : ObjectGraphType<TextComparison>
{
    public TextComparisonType()
    {
        Name = "TextComparison";
        Description = "Before/after view of a text item: the source record and the annotation, and the annotation before the latest rework.";
        Field<NonNullGraphType<JsonGraphType>>("source").Resolve(ctx => ctx.Source.Source);
        Field<JsonGraphType>("annotation").Resolve(ctx => ctx.Source.Annotation);
        Field<JsonGraphType>("previousAnnotation").Description("Null until the item has been reworked.").Resolve(ctx => ctx.Source.PreviousAnnotation);
    }
}

public sealed class AnnotationItemType : ObjectGraphType<AnnotationItemView>
{
    public AnnotationItemType()
    {
        Name = "AnnotationItem";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("taskId").Resolve(ctx => ctx.Source.TaskId);
        Field(x => x.Index).Description("Position of the source record in the dataset, from 0.");
        Field<NonNullGraphType<ItemKindEnum>>("kind").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<JsonGraphType>>("source").Description("The source record; media items give the stored object's key.").Resolve(ctx => ctx.Source.Source);
        Field(x => x.Annotator);
        Field(x => x.Reviewer, nullable: true);
        Field<NonNullGraphType<ItemStageEnum>>("stage").Resolve(ctx => ctx.Source.Stage);
        Field<JsonGraphType>("annotation").Resolve(ctx => ctx.Source.Annotation);
        Field<AnnotationOriginEnum>("origin").Resolve(ctx => ctx.Source.Origin);
        Field<JsonGraphType>("previousAnnotation").Resolve(ctx => ctx.Source.PreviousAnnotation);
        Field<JsonGraphType>("preAnnotation").Description("The model's proposal, if any. It never changes the source dataset.").Resolve(ctx => ctx.Source.PreAnnotation);
        Field(x => x.PreAnnotationModel, nullable: true);
        Field(x => x.PreAnnotationError, nullable: true).Description("Why pre-annotation failed for this item (code: reason).");
        Field(x => x.MachineMade).Description("True while the item shows only a model's proposal that no person accepted or edited.");
        Field(x => x.AnnotatedBy, nullable: true);
        Field(x => x.ReviewedBy, nullable: true);
        Field(x => x.LastRejectionReason, nullable: true);
        Field(x => x.ReworkRounds);
        Field<TextComparisonType>("comparison")
            .Description("Before/after comparison; text items only, null for image, video and audio.")
            .Resolve(ctx => ItemKinds.ModalityOf(ctx.Source.Kind) == Domain.Datasets.Modality.Text
                ? new TextComparison(ctx.Source.Source, ctx.Source.Annotation, ctx.Source.PreviousAnnotation)
                : null);
        Field<NonNullGraphType<LongGraphType>>("version").Description("Item stream version; pass it as expectedVersion.").Resolve(ctx => ctx.Source.Version);
        Field<NonNullGraphType<InstantGraphType>>("updatedAt").Resolve(ctx => ctx.Source.UpdatedAt);
    }
}

public sealed class ModelEndpointType : ObjectGraphType<ModelEndpointView>
{
    public ModelEndpointType()
    {
        Name = "ModelEndpoint";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field(x => x.Name);
        Field(x => x.Url);
        Field(x => x.Model);
        Field(x => x.RegisteredBy);
        Field<NonNullGraphType<InstantGraphType>>("registeredAt").Resolve(ctx => ctx.Source.RegisteredAt);
    }
}

public sealed class AnnotationTaskPayloadType() : PayloadGraphType<AnnotationTaskType, AnnotationTaskView>("AnnotationTaskPayload", "task");

public sealed class AnnotationItemPayloadType() : PayloadGraphType<AnnotationItemType, AnnotationItemView>("AnnotationItemPayload", "item");

public sealed class ModelEndpointPayloadType() : PayloadGraphType<ModelEndpointType, ModelEndpointView>("ModelEndpointPayload", "endpoint");
