namespace CrmCadenceSync.HubSpot.Api.Dtos;

/// <summary>An enumeration property's options: records hold an option's value (call outcomes: a GUID), people see its label.</summary>
public sealed record EnumerationProperty(string Name, IReadOnlyList<PropertyOption>? Options);
