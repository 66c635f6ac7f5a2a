namespace CrmCadenceSync.Mocks;

/// <summary>
/// Real-looking replies in English, German, French and Spanish, for the sandboxes to hold: people answering, out of office
/// notices (with the <c>Auto-Submitted</c> header mail servers set), "no longer with the company" notices and requests to
/// be removed.
/// </summary>
public static class SandboxReplies
{
    public static readonly SandboxReply HumanEnglish = new(
        "Re: Quick question",
        """
        Hi,

        Thanks for reaching out. We are reviewing this in Q1. Could you send me a couple of times next week for a call?

        Best,
        Dana

        On Mon, 21 Dec 2026 at 09:00, Sam Rep <sam@ourco.example> wrote:
        > Worth a quick chat?
        > Unsubscribe: https://ourco.example/u/abc123
        """);

    public static readonly SandboxReply OutOfOfficeEnglish = new(
        "Automatic reply: Quick question",
        """
        Thank you for your email. I am out of the office with limited access to email.
        I am back on 14 January and will respond to your message then.
        """,
        "Auto-Submitted: auto-replied\r\nX-Auto-Response-Suppress: All\r\nContent-Type: text/plain; charset=utf-8");

    public static readonly SandboxReply OutOfOfficeGerman = new(
        "Abwesenheitsnotiz: Kurze Frage",
        """
        Vielen Dank für Ihre Nachricht. Ich bin derzeit nicht im Büro.
        Ab dem 14. Januar bin ich wieder im Büro und melde mich dann.
        """,
        "Auto-Submitted: auto-replied\r\nPrecedence: auto_reply");

    public static readonly SandboxReply OutOfOfficeFrench = new(
        "Réponse automatique : Petite question",
        """
        Bonjour, je suis absente du bureau avec un accès limité à mes e-mails.
        Je serai de retour le 14 janvier.
        """,
        "X-Autorespond: yes");

    public static readonly SandboxReply OutOfOfficeSpanish = new(
        "Respuesta automática: Una pregunta",
        """
        Gracias por su mensaje. Estoy fuera de la oficina y estaré de vuelta el 14 de enero.
        """);

    public static readonly SandboxReply LeftCompanyEnglish = new(
        "Automatic reply: Quick question",
        """
        Dana Whitfield is no longer with Northwind Logistics and this mailbox is no longer monitored.
        """,
        "X-Autoreply: yes");

    public static readonly SandboxReply UnsubscribeGerman = new(
        "AW: Kurze Frage",
        """
        Bitte austragen, kein Interesse.
        """);
}
