namespace CrmCadenceSync.Storage.Entities;

/// <summary>A row of due work that one instance claims for a while (see <see cref="Claims.WorkClaims"/>).</summary>
public interface IClaimable
{
    string? ClaimedBy { get; set; }

    DateTimeOffset? LeaseUntil { get; set; }
}
