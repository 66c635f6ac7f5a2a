using CrmCadenceSync.Core.Contacts;

namespace CrmCadenceSync.Core.Crm;

/// <param name="Contacts">Changed contacts, including ones the CRM reports as deleted or merged.</param>
/// <param name="Next">The cursor to store once these contacts are committed; equal to the input on an empty page.</param>
/// <param name="HasMore">True when another page is ready right away.</param>
/// <param name="ReadOn">
/// Where this run reads its next page, when that is past <paramref name="Next"/>: a CRM whose recent changes may still
/// be arriving out of order keeps the stored cursor behind them (to read them again next time), while the run itself
/// moves on through a burst of changes larger than a page.
/// </param>
public sealed record ContactPage(IReadOnlyList<Contact> Contacts, SyncCursor Next, bool HasMore, SyncCursor? ReadOn = null);
