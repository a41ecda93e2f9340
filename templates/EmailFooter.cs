namespace Newsletter.Templates;

/// <summary>What every email's footer says: why the reader gets it, and the links to manage or leave.</summary>
/// <param name="Reason">One sentence, e.g. "You subscribed to papers on diffusion, SAM."</param>
public sealed record EmailFooter(string Reason, string ManageUrl, string UnsubscribeUrl);
