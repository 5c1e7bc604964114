using Microsoft.Playwright;

namespace Campaign.TestSupport;

/// <summary>
/// The machine's own Chromium (Debian's package, installed by scripts/setup.sh) driven by
/// Playwright: no browser download. Screenshots go to <c>artifacts/screenshots/</c> at the
/// repository root, kept by CI as the tests' pictures.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    private IPlaywright playwright = null!;

    public IBrowser Browser { get; private set; } = null!;

    public static async Task<Chromium> LaunchAsync()
    {
        var chromium = new Chromium { playwright = await Playwright.CreateAsync() };
        chromium.Browser = await chromium.playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CAMPAIGN_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--autoplay-policy=no-user-gesture-required"],
        });
        return chromium;
    }

    /// <summary>A fresh browser profile (cookies, storage) at <paramref name="baseUrl"/>, as on a laptop or, with <paramref name="tablet"/>, a tablet.</summary>
    public async Task<IPage> NewPageAsync(Uri baseUrl, bool tablet = false, string locale = "zh-CN")
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = baseUrl.ToString(),
            Locale = locale,
            ViewportSize = tablet ? new ViewportSize { Width = 820, Height = 1180 } : new ViewportSize { Width = 1366, Height = 900 },
            HasTouch = tablet,
        });
        // Generous: the whole suite shares two cores, and a page can wait behind ffmpeg.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>A new page signed in as one of the development issuer's sample users, from the sign-in page.</summary>
    public async Task<IPage> SignedInAsync(Uri baseUrl, string user)
    {
        var page = await NewPageAsync(baseUrl);
        await page.GotoAsync("/ui/signin");
        await page.ClickAsync($"#signin-{user}");
        // The page after signing in names the user. (Waiting for the DOM, not for a URL: WaitForURL
        // intermittently misses a navigation that ends in redirects.)
        await page.WaitForSelectorAsync("header .name");
        return page;
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(Tools.RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
