using Campaign.MediaCheck;
using Campaign.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddMediaCheck();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapMediaCheck();
app.Run();

public partial class Program;
