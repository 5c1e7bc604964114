using Campaign.Awards.Certificates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Campaign.Awards.Ui.Pages.Certificates;

/// <summary>A3, public: what a certificate's QR code opens. No sign-in; it shows what the certificate prints and whether it holds (C1).</summary>
[AllowAnonymous]
public sealed class VerifyModel(CategoryCertificatesService certificates) : PageModel
{
    public string? Code { get; private set; }
    public CertificateVerification? Certificate { get; private set; }

    public async Task OnGetAsync(string? code, CancellationToken ct)
    {
        Code = code ?? Request.Query["code"].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(Code)) return;
        Certificate = await certificates.VerifyAsync(Code, ct);
        if (Certificate is null) Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
