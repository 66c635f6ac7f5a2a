namespace CrmCadenceSync.Core.Metrics;

/// <summary>A contact as the metrics count it: the same CRM id in two connections is two contacts.</summary>
public readonly record struct ContactKey(string Connection, string ContactCrmId);
