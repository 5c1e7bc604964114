using Campaign.Awards;
using Campaign.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAwards();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapAwards();
app.Run();

public partial class Program;
