using System.Text.RegularExpressions;

namespace CrmCadenceSync.Core.Replies;

/// <summary>The phrases that give a reply's kind away, in English, German, French and Spanish.</summary>
internal static partial class ReplyPatterns
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    /// <summary>Subjects mail systems put on auto-replies.</summary>
    [GeneratedRegex(
        @"\b(?:automatic reply|auto(?:matic)?[- ]?reply|auto(?:matic)?[- ]?response|out of (?:the )?office|ooo\b|abwesenheits(?:notiz|nachricht)|automatische antwort|r[ée]ponse automatique|absence du bureau|absent\(e\)|respuesta autom[áa]tica|fuera de la oficina)",
        Options)]
    public static partial Regex AutoReplySubject();

    [GeneratedRegex(
        @"\b(?:out of (?:the )?office|away from (?:the |my )?(?:office|desk)|i am (?:currently )?(?:away|out|travelling|traveling|on (?:annual |parental |sick |maternity |paternity )?leave|on (?:vacation|holiday))|i'm (?:currently )?(?:away|out|on (?:annual |parental )?leave|on (?:vacation|holiday))|(?:limited|no) access to (?:my )?e-?mail|back in the office|returning (?:on|to the office)|will return on|(?:nicht|außer) im (?:büro|haus)|abwesend|abwesenheit|im urlaub|wieder im büro|wieder erreichbar|eingeschränkte[mn]? zugriff|keinen zugriff auf (?:meine )?e-?mails|hors du bureau|absente?\b|en cong[ée]s?|en vacances|de retour (?:le|au bureau|à partir)|je serai de retour|acc[èe]s limit[ée] (?:à|a) (?:mes |mon )?(?:e-?mails?|courriels?|messagerie)|fuera de la oficina|de vacaciones|ausente|estar[ée] de vuelta|de vuelta el|regresar[ée]|volver[ée] (?:el|a la oficina)|acceso limitado (?:a|al) (?:mi )?correo)",
        Options)]
    public static partial Regex OutOfOffice();

    [GeneratedRegex(
        @"\b(?:(?:is|am|are) no longer (?:with|at|employed|working|part of)|no longer works? (?:at|for|with)|(?:has|have) left (?:the company|the organi[sz]ation|the firm|[A-Z][\w&.-]*)|left the company|this (?:e-?mail|mailbox|address|account) (?:is no longer (?:monitored|active|in use)|has been (?:deactivated|closed))|nicht mehr (?:im unternehmen|bei|für|tätig|beschäftigt|in unserem unternehmen|teil)|(?:hat|haben) (?:das unternehmen|die firma|unser unternehmen) verlassen|postfach wird nicht mehr|ne fait plus partie|ne travaille plus|(?:a|ont) quitt[ée] (?:la soci[ée]t[ée]|l'entreprise|l’entreprise|notre entreprise)|n'est plus (?:en poste|chez|dans)|ya no (?:trabaja|forma parte|est[áa] (?:en|con))|(?:ha|han) dejado (?:la empresa|la compa[ñn][íi]a|de trabajar)|dej[óo] la empresa|ya no pertenece)",
        Options)]
    public static partial Regex LeftCompany();

    [GeneratedRegex(
        @"(?:\bunsubscribe\b|\bremove me\b|\btake me off\b|\bopt(?:-| )?out\b|\bstop (?:e-?mailing|contacting|sending)\b|\bdo not (?:contact|e-?mail) me\b|\bdon't (?:contact|e-?mail) me\b|\bno more e-?mails\b|\baustragen\b|\babmelden\b|\bentfernen sie mich\b|\bkeine (?:weiteren )?(?:e-?mails|nachrichten|werbung)\b|\bnicht mehr (?:kontaktieren|anschreiben)\b|d[ée]sabonn|d[ée]sinscri|\bretirez[- ]moi\b|\bsupprimez[- ]moi\b|\bne plus recevoir\b|\bne me contactez plus\b|\bdarme de baja\b|\bdar(?:me)? de baja\b|\bden de baja\b|\belim[íi]n(?:enme|arme)\b|\bno me (?:env[íi]en|escriban|contacten)\b|\bquit(?:arme|enme) de (?:la|su|vuestra) lista\b)",
        Options)]
    public static partial Regex Unsubscribe();
}
