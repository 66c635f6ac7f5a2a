using CrmCadenceSync.Core.Rules;

namespace CrmCadenceSync.Core.Touches;

/// <summary>The step is not written; the cadence goes on unless <paramref name="EndsEnrollment"/>.</summary>
public sealed record SkippedTouch(Step Step, SkipReason Reason, bool EndsEnrollment) : TouchOutcome(Step);
