using Microsoft.Extensions.Options;

namespace CrmCadenceSync.Worker.Scheduling;

[OptionsValidator]
public sealed partial class ScheduleOptionsValidator : IValidateOptions<ScheduleOptions>;
