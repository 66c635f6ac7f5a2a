using CrmCadenceSync.Core.Contacts;

namespace CrmCadenceSync.Core.Crm;

/// <param name="Contacts">Changed contacts, including ones the CRM reports as deleted or merged.</param>
/// <param name="Next">The cursor to store once these contacts are committed; equal to the input on an empty page.</param>
/// <param name="HasMore">True when another page is ready right away.</param>
public sealed record ContactPage(IReadOnlyList<Contact> Contacts, SyncCursor Next, bool HasMore);
