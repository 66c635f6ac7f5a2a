namespace CrmCadenceSync.Core.Rules.Definitions;

public sealed class BusinessHoursDefinition
{
    /// <summary>Monday to Friday when not given. (Configuration binding appends to a non-empty default list, so none is set here.)</summary>
    public List<DayOfWeek>? Days { get; set; }

    public TimeOnly Start { get; set; } = new(9, 0);

    public TimeOnly End { get; set; } = new(17, 0);
}
