namespace CrmCadenceSync.Worker.Admin.Enrollments;

public sealed record EnrollmentPage(int Page, int PageSize, int Total, IReadOnlyList<EnrollmentView> Items);
