using Campaign.ServiceDefaults;
using Campaign.Submission;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSubmission();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapSubmission();
app.Run();

public partial class Program;
