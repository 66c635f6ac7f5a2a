namespace CrmCadenceSync.Worker.Admin.Enrollments;

/// <param name="Held">Enrollments held now, whatever the filter.</param>
/// <param name="HeldTooLong">Enrollments that exited after being held longer than <c>Policies:MaxHeldDays</c>, whatever the filter.</param>
public sealed record EnrollmentPage(int Page, int PageSize, int Total, IReadOnlyList<EnrollmentView> Items, int Held, int HeldTooLong);
