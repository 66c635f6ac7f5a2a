namespace CrmCadenceSync.Core.Metrics;

/// <summary>How many distinct contacts were enrolled in a cadence (or for a segment), counted by the store.</summary>
public sealed record ContactTally(string Key, int Contacts);
