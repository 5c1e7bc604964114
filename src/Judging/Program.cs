using Campaign.Judging;
using Campaign.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddJudging();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapJudging();
app.Run();

public partial class Program;
