namespace CrmCadenceSync.Mocks.Salesforce.Soql;

/// <summary>Compares a stored field value with a SOQL literal, the way SOQL orders each type.</summary>
internal static class SoqlValues
{
    public static int? Compare(object? field, object? literal) => (field, literal) switch
    {
        (null, _) or (_, null) => null,
        (string a, string b) => string.CompareOrdinal(a, b),
        (bool a, bool b) => a.CompareTo(b),
        (decimal a, decimal b) => a.CompareTo(b),
        (DateTimeOffset a, DateTimeOffset b) => a.CompareTo(b),
        (DateOnly a, DateOnly b) => a.CompareTo(b),
        (DateOnly a, DateTimeOffset b) => a.CompareTo(DateOnly.FromDateTime(b.UtcDateTime)),
        _ => null,
    };

    public static bool AreEqual(object? field, object? literal) =>
        field is null || literal is null ? field is null && literal is null : Compare(field, literal) == 0;

    /// <summary>Sort order for ORDER BY: nulls first, as SOQL does by default for ascending order.</summary>
    public static int CompareForSort(object? a, object? b) =>
        (a, b) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            _ => Compare(a, b) ?? 0,
        };
}
