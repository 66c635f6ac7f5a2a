using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Crm;

namespace CrmCadenceSync.Storage.Inbox;

/// <summary>An inbound change to store: a webhook event, or a polled contact with the event it stands for.</summary>
public sealed record InboxItem(InboundEvent Event, Contact? Contact = null);
