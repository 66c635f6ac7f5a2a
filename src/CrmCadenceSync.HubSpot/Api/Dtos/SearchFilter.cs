namespace CrmCadenceSync.HubSpot.Api.Dtos;

/// <param name="Operator">EQ, NEQ, GT, GTE, LT, LTE, BETWEEN, IN, NOT_IN, HAS_PROPERTY, NOT_HAS_PROPERTY…</param>
public sealed record SearchFilter(
    string PropertyName,
    string Operator,
    string? Value = null,
    string? HighValue = null,
    IReadOnlyList<string>? Values = null);
