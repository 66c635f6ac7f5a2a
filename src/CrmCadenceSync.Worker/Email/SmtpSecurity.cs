namespace CrmCadenceSync.Worker.Email;

public enum SmtpSecurity
{
    /// <summary>Upgrade to TLS after connecting (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,

    /// <summary>No TLS: only for a relay on the same machine or the sandbox.</summary>
    None,
}
