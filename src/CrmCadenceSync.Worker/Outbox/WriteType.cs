namespace CrmCadenceSync.Worker.Outbox;

/// <summary>The kinds of CRM write the outbox holds; writes are batched per connection and kind.</summary>
public static class WriteType
{
    public const string Task = nameof(Task);
    public const string LoggedEmail = nameof(LoggedEmail);
    public const string Note = nameof(Note);
    public const string ContactStatus = nameof(ContactStatus);

    /// <summary>An automated email for the SMTP relay; once sent, its engagement is logged as a LoggedEmail write.</summary>
    public const string Email = nameof(Email);

    /// <summary>A contact's unsubscribe, recorded in the CRM as its email opt-out (<see cref="Core.Crm.EmailOptOut"/>).</summary>
    public const string EmailOptOut = nameof(EmailOptOut);

    /// <summary>Closes a task we wrote whose enrollment has ended (<see cref="CloseTaskWrite"/>), so reps' queues only hold live work.</summary>
    public const string CloseTask = nameof(CloseTask);
}
