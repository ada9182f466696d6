using PanguGraph.GraphQL.Operations;

var builder = WebApplication.CreateBuilder(args);
builder.AddPangu();

var app = builder.Build();
app.MapPangu();
app.Run();

public partial class Program;
