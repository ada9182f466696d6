using System.Text.Json.Nodes;
using PanguGraph.Compute.Processing.Operators.Contracts;

namespace PanguGraph.Tests.Processing;

internal static class RecordFactory
{
    public static DataRecord Text(string id, string text) => new(id, new JsonObject { ["text"] = text });

    public static IReadOnlyList<DataRecord> Texts(params string[] texts) =>
        texts.Select((text, index) => Text($"r{index}", text)).ToList();

    public static string OutputText(RecordOutcome outcome) => outcome.Output!.Fields["text"]!.GetValue<string>();

    public static string ProcessOne(IRecordOperator op, string text) =>
        OutputText(op.Process([Text("r0", text)]).Outcomes.Single());
}
