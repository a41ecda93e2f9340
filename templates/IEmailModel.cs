namespace Newsletter.Templates;

/// <summary>What every email model provides besides its own content.</summary>
public interface IEmailModel
{
    string Subject { get; }
    EmailFooter Footer { get; }
}
