using Campaign.Engagement;
using Campaign.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddEngagement();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapEngagement();
app.Run();

public partial class Program;
