namespace CrmCadenceSync.Core.Identity;

/// <summary>How the same person is recognised across connections (<c>Identity:MatchBy</c>).</summary>
public enum IdentityMatch
{
    /// <summary>No linking: each connection enrolls its own records.</summary>
    None,

    /// <summary>The same email address, compared case-insensitively.</summary>
    Email,
}
