namespace CrmCadenceSync.Core.Metrics;

/// <param name="Written">Times the step was written.</param>
/// <param name="Contacts">Distinct contacts it was written to.</param>
/// <param name="Replies">Contacts whose first reply is credited to this step: the last step written before the reply.</param>
/// <param name="Meetings">Contacts whose first booked meeting is credited the same way.</param>
/// <param name="ReplyRate">Replies ÷ contacts × 100.</param>
/// <param name="MeetingsPer100">Meetings ÷ contacts × 100.</param>
/// <param name="AverageTimeToFirstResponseHours">For the replies credited here: mean hours from the first touch written to the reply.</param>
/// <param name="MedianTimeToFirstResponseHours">The median of the same.</param>
public sealed record StepMetrics(
    string StepId,
    int StepNumber,
    int Written,
    int Contacts,
    int Replies,
    int Meetings,
    double ReplyRate,
    double MeetingsPer100,
    double? AverageTimeToFirstResponseHours,
    double? MedianTimeToFirstResponseHours,
    IReadOnlyList<VariantMetrics> Variants);
