namespace CrmCadenceSync.Worker.Unsubscribe;

public enum UnsubscribeOutcome
{
    /// <summary>Opted out now: enrollments exited, queued emails withdrawn, the CRM write queued.</summary>
    OptedOut,

    /// <summary>Already opted out by an earlier request: nothing changed.</summary>
    AlreadyOptedOut,

    /// <summary>The contact is no longer held here (deleted in the CRM): nothing left to email or to write.</summary>
    UnknownContact,
}
