using CrmCadenceSync.Core.Contacts;
using CrmCadenceSync.Core.Enrollments;

namespace CrmCadenceSync.Core.Identity;

/// <summary>The same person's record in another connection, with its open enrollment if it has one.</summary>
public sealed record LinkedTwin(Contact Contact, bool IsPrimary, Enrollment? OpenEnrollment);
