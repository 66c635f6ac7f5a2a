namespace CrmCadenceSync.Core.Metrics;

/// <param name="Contacts">Contacts the variant was written to.</param>
public sealed record VariantMetrics(string Variant, int Contacts, int Replies, int Meetings, double ReplyRate, double MeetingsPer100);
