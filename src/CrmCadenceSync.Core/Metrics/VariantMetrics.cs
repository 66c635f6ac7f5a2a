namespace CrmCadenceSync.Core.Metrics;

/// <param name="Contacts">Distinct contacts the variant was written to.</param>
/// <param name="Replies">Contacts whose first reply is credited to this variant of the step.</param>
/// <param name="Meetings">Contacts whose first booked meeting is credited to it.</param>
public sealed record VariantMetrics(
    string Variant,
    int Contacts,
    int Replies,
    int Meetings,
    double ReplyRate,
    double MeetingsPer100,
    double? AverageTimeToFirstResponseHours,
    double? MedianTimeToFirstResponseHours);
