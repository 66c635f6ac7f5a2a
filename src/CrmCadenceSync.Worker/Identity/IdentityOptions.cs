using CrmCadenceSync.Core.Identity;

namespace CrmCadenceSync.Worker.Identity;

/// <summary>How the same person is linked across connections, and which connection runs that person's cadence.</summary>
public sealed class IdentityOptions
{
    public const string SectionName = "Identity";

    /// <summary><c>Email</c> (case-insensitive) links records with the same address; <c>None</c> turns linking off.</summary>
    public IdentityMatch MatchBy { get; set; } = IdentityMatch.Email;

    /// <summary>The connection whose record runs a linked person's cadence; the others get its status only.</summary>
    public string Primary { get; set; } = "hubspot";

    /// <summary>Whether linking applies (on, with more than one enabled connection to link).</summary>
    public bool Links(int enabledConnections) => MatchBy != IdentityMatch.None && enabledConnections > 1;
}
