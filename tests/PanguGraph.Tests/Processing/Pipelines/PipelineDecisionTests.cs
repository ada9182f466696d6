using System.Text.Json;
using NodaTime;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Processing.Catalogue;
using PanguGraph.Domain.Processing.Pipelines;
using PanguGraph.Domain.Processing.Resources;
using PanguGraph.Domain.Processing.Tasks;
using PanguGraph.Domain.Spaces;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Processing.Pipelines;

public class PipelineDecisionTests
{
    private static readonly Caller Admin = new("alice", false);
    private static readonly Instant Now = Instant.FromUtc(2026, 5, 1, 8, 0);
    private static readonly Space Space = new(Guid.NewGuid(), "s", null, new Dictionary<string, Role> { ["alice"] = Role.Admin, ["ann"] = Role.Annotator });

    private static IReadOnlyDictionary<string, JsonElement> Parameters(object values) =>
        JsonSerializer.SerializeToElement(values).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());

    private static Pipeline NewPipeline(Modality modality = Modality.Text)
    {
        var decision = Pipeline.Open(new CreatePipeline(Admin, Guid.NewGuid(), Space.Id, "clean", null, modality, null), Space, null, Now);
        decision.IsRejected.ShouldBeFalse();
        return Fold(null, decision)!;
    }

    private static Pipeline? Fold(Pipeline? state, Decision decision) => decision.Events.Aggregate(state, Pipeline.Evolve);

    private static Pipeline With(Pipeline pipeline, string operatorId, object? parameters = null) =>
        Fold(pipeline, pipeline.AddStep(Guid.NewGuid(), operatorId, Parameters(parameters ?? new { }), null, Space, Admin, Now))!;

    [Fact]
    public void modality_without_operators_rejected()
    {
        var decision = Pipeline.Open(new CreatePipeline(Admin, Guid.NewGuid(), Space.Id, "v", null, Modality.Video, null), Space, null, Now);

        decision.Error!.Code.ShouldBe("MODALITY_HAS_NO_OPERATORS");
        decision.Error.Field.ShouldBe(["modality"]);
    }

    [Fact]
    public void parameter_out_of_range_names_field_and_range()
    {
        var pipeline = With(With(NewPipeline(), OperatorIds.NfkcNormalize), OperatorIds.WhitespaceClean);

        var errors = PipelineRules.ValidateStep(Modality.Text, 2, OperatorIds.LengthFilter, Parameters(new { minLength = -5 }));
        var decision = pipeline.AddStep(Guid.NewGuid(), OperatorIds.LengthFilter, Parameters(new { minLength = -5 }), null, Space, Admin, Now);

        errors.ShouldHaveSingleItem().Code.ShouldBe("PARAMETER_OUT_OF_RANGE");
        decision.Error!.Field.ShouldBe(["steps", "2", "parameters", "minLength"]);
        decision.Error.MessageEn.ShouldContain("[");
    }

    [Fact]
    public void wrong_type_and_unknown_operator_rejected()
    {
        var pipeline = NewPipeline();

        var wrongType = pipeline.AddStep(Guid.NewGuid(), OperatorIds.LengthFilter, Parameters(new { minLength = "ten" }), null, Space, Admin, Now);
        var unknown = pipeline.AddStep(Guid.NewGuid(), "text.no_such_operator", Parameters(new { }), null, Space, Admin, Now);
        var imageOnText = pipeline.AddStep(Guid.NewGuid(), OperatorIds.ImageResolutionFilter, Parameters(new { }), null, Space, Admin, Now);

        wrongType.Error!.Code.ShouldBe("PARAMETER_TYPE_INVALID");
        unknown.Error!.Code.ShouldBe("UNKNOWN_OPERATOR");
        unknown.Error.Field.ShouldBe(["steps", "0", "operatorId"]);
        imageOnText.Error!.Code.ShouldBe("OPERATOR_NOT_FOR_MODALITY");
    }

    [Fact]
    public void steps_insert_reorder_and_remove()
    {
        var pipeline = With(With(NewPipeline(), OperatorIds.NfkcNormalize), OperatorIds.LengthFilter);
        var inserted = Fold(pipeline, pipeline.AddStep(Guid.NewGuid(), OperatorIds.WhitespaceClean, Parameters(new { }), 1, Space, Admin, Now))!;

        inserted.Steps.Select(s => s.OperatorId).ShouldBe([OperatorIds.NfkcNormalize, OperatorIds.WhitespaceClean, OperatorIds.LengthFilter]);

        var reversed = inserted.Steps.Select(s => s.StepId).Reverse().ToList();
        var reordered = Fold(inserted, inserted.Reorder(reversed, Space, Admin, Now))!;
        reordered.Steps.Select(s => s.StepId).ShouldBe(reversed);

        inserted.Reorder(reversed.Take(2).ToList(), Space, Admin, Now).Error!.Code.ShouldBe("STEP_ORDER_INVALID");

        var removed = Fold(reordered, reordered.RemoveStep(reversed[0], Space, Admin, Now))!;
        removed.Steps.Count.ShouldBe(2);
        removed.RemoveStep(reversed[0], Space, Admin, Now).Error!.Code.ShouldBe("NOT_FOUND");
    }

    [Fact]
    public void annotator_cannot_edit()
    {
        var pipeline = NewPipeline();

        var decision = pipeline.AddStep(Guid.NewGuid(), OperatorIds.NfkcNormalize, Parameters(new { }), null, Space, new Caller("ann", false), Now);

        decision.Error!.Code.ShouldBe("FORBIDDEN");
    }

    [Fact]
    public void resource_errors_carry_resources_path()
    {
        var pipeline = NewPipeline();

        var decision = pipeline.ConfigureResources(new ResourceSettings(NumExecutors: 8, ExecutorMemory: 4, ExecutorCores: 2), Space, Admin, Now);
        var custom = pipeline.ConfigureResources(new ResourceSettings(Custom: new Dictionary<string, string> { ["numExecutors"] = "3" }), Space, Admin, Now);

        decision.Error!.Code.ShouldBe("RESOURCE_TOTAL_MEMORY_OUT_OF_RANGE");
        decision.Error.Field.ShouldBe(["resources", "numExecutors"]);
        custom.Error!.Field.ShouldBe(["resources", "custom", "numExecutors"]);
    }

    [Fact]
    public void template_round_trip_replaces_steps()
    {
        var source = With(With(NewPipeline(), OperatorIds.NfkcNormalize), OperatorIds.LengthFilter, new { minLength = 5 });
        var saved = source.SaveAsTemplate(Guid.NewGuid(), "tpl", null, Space, Admin, Now);
        var template = saved.Events.Aggregate((PipelineTemplate?)null, PipelineTemplate.Evolve)!;
        var target = With(NewPipeline(), OperatorIds.QualityScoreTagger);

        var applied = Fold(target, target.ApplyTemplate(template, template.Id, Space, Admin, Now))!;

        applied.Steps.Select(s => s.OperatorId).ShouldBe([OperatorIds.NfkcNormalize, OperatorIds.LengthFilter]);
        applied.Steps[1].Parameters["minLength"].GetInt64().ShouldBe(5);
        applied.Steps.Select(s => s.StepId).ShouldNotContain(source.Steps[0].StepId);
        NewPipeline().SaveAsTemplate(Guid.NewGuid(), "empty", null, Space, Admin, Now).Error!.Code.ShouldBe("PIPELINE_EMPTY");
    }

    [Fact]
    public void stage_plan_splits_at_deduplicators()
    {
        var pipeline = With(With(With(With(NewPipeline(), OperatorIds.NfkcNormalize), OperatorIds.ExactDeduplicator), OperatorIds.LengthFilter), OperatorIds.MinHashDeduplicator);

        var plan = StagePlan.For(pipeline.Steps);

        plan.StageCount.ShouldBe(3);
        plan.RecordSteps(0).ShouldBe([0]);
        plan.SignedDeduplicator(0).ShouldBe(1);
        plan.AppliedDeduplicator(1).ShouldBe(1);
        plan.RecordSteps(1).ShouldBe([2]);
        plan.RecordSteps(2).ShouldBeEmpty();
        plan.AppliedDeduplicator(2).ShouldBe(3);
    }

    [Fact]
    public void shard_plan_follows_record_limit_and_memory()
    {
        var objects = new[] { new ShardPlanning.ObjectSize(250, 25_000), new ShardPlanning.ObjectSize(0, 0), new ShardPlanning.ObjectSize(40, 4_000) };

        var shards = ShardPlanning.Plan(objects, false, PipelineResources.Default, 100);

        shards.Select(s => (s.ObjectIndex, s.Skip, s.Take)).ShouldBe([(0, 0L, 100L), (0, 100L, 100L), (0, 200L, 50L), (2, 0L, 40L)]);
        shards.Select(s => s.Index).ShouldBe([0, 1, 2, 3]);

        var huge = new[] { new ShardPlanning.ObjectSize(1000, 1000L * 1024 * 1024) };
        var byMemory = ShardPlanning.Plan(huge, false, PipelineResources.Default with { ExecutorMemory = 2 }, 10_000);
        byMemory.ShouldAllBe(s => s.Take <= 32);
    }

    [Fact]
    public void shard_recorded_once_and_last_one_finishes()
    {
        var created = new ProcessingTaskCreated(Guid.NewGuid(), Space.Id, Guid.NewGuid(), 1, "d", Modality.Text, FileFormat.Jsonl,
            new StorageLocation("b", "p/", "p/manifest.json"), Guid.NewGuid(), 3, "p",
            [new PipelineStep(Guid.NewGuid(), OperatorIds.NfkcNormalize, new Dictionary<string, JsonElement>())],
            PipelineResources.Default, new ProcessedDatasetRequest(true, Guid.NewGuid(), "out", null, ExtendedInfo.Empty), "alice", Now);
        var task = ProcessingTask.Evolve(null, created)!;
        var shards = Enumerable.Range(0, 3).Select(i => new ShardSpec(i, 0, i * 10, 10, 100)).ToList();
        task = task.Start(shards, 30, 1000, "w", Now).Events.Aggregate(task, (state, e) => ProcessingTask.Evolve(state, e)!);
        task.NextShardToDispatch.ShouldBe(2);

        ShardProcessed Result(int shard) => new(task.Id, 0, shard, 1, 10, 10, [], [], $"k{shard}", 100, null, null, "w", Now);

        var (first, firstFollowUp) = task.RecordShard(Result(0));
        first.Events.OfType<ShardProcessed>().Single().DispatchedShard.ShouldBe(2);
        firstFollowUp.ShouldBe(ShardFollowUp.None);
        task = first.Events.Aggregate(task, (state, e) => ProcessingTask.Evolve(state, e)!);

        task.RecordShard(Result(0)).Decision.Events.ShouldBeEmpty();

        task = task.RecordShard(Result(2)).Decision.Events.Aggregate(task, (state, e) => ProcessingTask.Evolve(state, e)!);
        var (last, followUp) = task.RecordShard(Result(1));
        last.Events.OfType<ShardProcessed>().Single().DispatchedShard.ShouldBeNull();
        followUp.ShouldBe(ShardFollowUp.Finish);
    }

    [Theory]
    [InlineData("pipeline", "流水线“")]
    [InlineData("pipeline step", "流水线步骤“")]
    [InlineData("pipeline template", "流水线模板“")]
    [InlineData("processing task", "加工任务“")]
    public void processing_kinds_named_in_chinese(string kind, string prefix)
    {
        Errors.NotFound(kind, "x").MessageZh.ShouldStartWith(prefix);
        Errors.Deleted(kind, "x").MessageZh.ShouldStartWith(prefix);
    }
}
