using CrmCadenceSync.Storage;
using CrmCadenceSync.Worker.Connections;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Identity;

/// <summary>
/// Before every save, the status writes staged for primary records are staged for their linked records too
/// (<see cref="IdentityLinks.MirrorStagedStatusesAsync"/>), whatever staged them: the inbox, due steps, the held-too-long
/// sweep, the task-state poll, admin actions, triggers. One place, so no status write can forget its mirror.
/// </summary>
public sealed class StatusMirrorInterceptor(IOptions<IdentityOptions> options, IConfiguration configuration) : SaveChangesInterceptor
{
    private readonly bool enabled = options.Value.Links(ConfiguredConnection.Enabled(configuration).Count);

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (enabled && eventData.Context is CadenceDbContext db)
        {
            await new IdentityLinks(db, options, configuration).MirrorStagedStatusesAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>The worker saves asynchronously only; a synchronous save cannot query the linked records.</summary>
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (enabled && eventData.Context is CadenceDbContext)
        {
            throw new InvalidOperationException("Save the cadence store with SaveChangesAsync: status writes are mirrored onto linked records asynchronously.");
        }

        return result;
    }
}
