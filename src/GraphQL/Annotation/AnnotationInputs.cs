using GraphQL.Types;
using PanguGraph.Domain.Annotation;

namespace PanguGraph.GraphQL.Annotation;

public sealed class AssignmentInput
{
    public string UserId { get; set; } = "";
    public int Count { get; set; }
}

public sealed class AssignmentInputType : InputObjectGraphType<AssignmentInput>
{
    public AssignmentInputType()
    {
        Name = "AssignmentInput";
        Field(x => x.UserId);
        Field(x => x.Count).Description("Number of items for this person, at least 1.");
    }
}

public sealed class CreateAnnotationTaskInput
{
    public Guid SpaceId { get; set; }
    public Guid DatasetId { get; set; }
    public string Name { get; set; } = "";
    public ItemKind Kind { get; set; }
    public List<string>? Labels { get; set; }
    public AnnotationRequirement? AnnotationRequirement { get; set; }
    public bool? ReviewEnabled { get; set; }
    public ReviewRequirement? ReviewRequirement { get; set; }
    public List<AssignmentInput>? Annotators { get; set; }
    public List<AssignmentInput>? Reviewers { get; set; }
    public Guid? ModelEndpointId { get; set; }

    public AnnotationTaskRequest ToRequest() => new(
        Name,
        Kind,
        Labels ?? [],
        AnnotationRequirement ?? Domain.Annotation.AnnotationRequirement.Full,
        ReviewEnabled ?? false,
        ReviewRequirement ?? Domain.Annotation.ReviewRequirement.Full,
        (Annotators ?? []).Select(a => new Assignment(a.UserId.Trim(), a.Count)).ToList(),
        (Reviewers ?? []).Select(a => new Assignment(a.UserId.Trim(), a.Count)).ToList(),
        ModelEndpointId);
}

public sealed class CreateAnnotationTaskInputType : InputObjectGraphType<CreateAnnotationTaskInput>
{
    public CreateAnnotationTaskInputType()
    {
        Name = "CreateAnnotationTaskInput";
        Field<NonNullGraphType<IdGraphType>>("spaceId");
        Field<NonNullGraphType<IdGraphType>>("datasetId").Description("Dataset to annotate; every record becomes one item.");
        Field(x => x.Name).Description("Task name, 1 to 64 characters.");
        Field<NonNullGraphType<ItemKindEnum>>("kind");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("labels").Description("Label set; required by classification, detection and segment-label kinds.");
        Field<AnnotationRequirementEnum>("annotationRequirement").Description("FULL when omitted. PARTIAL needs a model endpoint.");
        Field<BooleanGraphType>("reviewEnabled").Description("False when omitted.");
        Field<ReviewRequirementEnum>("reviewRequirement").Description("FULL when omitted.");
        Field<ListGraphType<NonNullGraphType<AssignmentInputType>>>("annotators")
            .Description("Annotators and counts, summing to the dataset's record count; omitted: the creator annotates everything.");
        Field<ListGraphType<NonNullGraphType<AssignmentInputType>>>("reviewers").Description("Reviewers and counts, summing to the record count; required when review is on.");
        Field<IdGraphType>("modelEndpointId").Description("Registered model endpoint for AI pre-annotation (single-turn QA and image captions).");
    }
}

public sealed class RegisterModelEndpointInput
{
    public Guid SpaceId { get; set; }
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";
    public string Model { get; set; } = "";
}

public sealed class RegisterModelEndpointInputType : InputObjectGraphType<RegisterModelEndpointInput>
{
    public RegisterModelEndpointInputType()
    {
        Name = "RegisterModelEndpointInput";
        Field<NonNullGraphType<IdGraphType>>("spaceId");
        Field(x => x.Name);
        Field(x => x.Url).Description("Full URL of an OpenAI-compatible chat completions endpoint (http or https).");
        Field(x => x.Model).Description("Model name sent in each request.");
    }
}

public sealed class SubmitAnnotationInput
{
    public Guid ItemId { get; set; }
    public string Annotation { get; set; } = "";
    public long? ExpectedVersion { get; set; }
}

public sealed class SubmitAnnotationInputType : InputObjectGraphType<SubmitAnnotationInput>
{
    public SubmitAnnotationInputType()
    {
        Name = "SubmitAnnotationInput";
        Field<NonNullGraphType<IdGraphType>>("itemId");
        Field(x => x.Annotation).Description("The annotation as JSON text, in the shape the task's item kind fixes.");
        Field<LongGraphType>("expectedVersion").Description("Item version the annotator saw; the submit fails if the item changed since.");
    }
}

public sealed class ReviewAnnotationInput
{
    public Guid ItemId { get; set; }
    public bool Passed { get; set; }
    public string? Reason { get; set; }
    public long? ExpectedVersion { get; set; }
}

public sealed class ReviewAnnotationInputType : InputObjectGraphType<ReviewAnnotationInput>
{
    public ReviewAnnotationInputType()
    {
        Name = "ReviewAnnotationInput";
        Field<NonNullGraphType<IdGraphType>>("itemId");
        Field(x => x.Passed);
        Field(x => x.Reason, nullable: true).Description("Required when rejecting: what the annotator must fix.");
        Field<LongGraphType>("expectedVersion");
    }
}

public sealed class SendBackInput
{
    public Guid ItemId { get; set; }
    public string? Reason { get; set; }
}

public sealed class SendBackInputType : InputObjectGraphType<SendBackInput>
{
    public SendBackInputType()
    {
        Name = "SendItemBackForReworkInput";
        Field<NonNullGraphType<IdGraphType>>("itemId");
        Field(x => x.Reason, nullable: true).Description("Required: what the annotator must fix.");
    }
}

public sealed class TaskOnlyInput
{
    public Guid TaskId { get; set; }
}

public sealed class TaskOnlyInputType : InputObjectGraphType<TaskOnlyInput>
{
    public TaskOnlyInputType()
    {
        Name = "AnnotationTaskRefInput";
        Field<NonNullGraphType<IdGraphType>>("taskId");
    }
}

public sealed class TransferItemsInput
{
    public Guid TaskId { get; set; }
    public Duty Duty { get; set; }
    public string? FromUserId { get; set; }
    public string ToUserId { get; set; } = "";
    public int Count { get; set; }
}

public sealed class TransferItemsInputType : InputObjectGraphType<TransferItemsInput>
{
    public TransferItemsInputType()
    {
        Name = "TransferAnnotationItemsInput";
        Field<NonNullGraphType<IdGraphType>>("taskId");
        Field<NonNullGraphType<DutyEnum>>("duty").Description("ANNOTATION moves unsubmitted items; REVIEW moves items waiting for review.");
        Field(x => x.FromUserId, nullable: true).Description("Whose items to move; the caller when omitted. Others' items need a task manager.");
        Field(x => x.ToUserId).Description("Member who takes the items.");
        Field(x => x.Count).Description("How many unfinished items to move, lowest index first.");
    }
}
