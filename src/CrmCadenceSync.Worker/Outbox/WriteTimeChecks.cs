using System.Text.Json;
using CrmCadenceSync.Core.Enrollments;
using CrmCadenceSync.Core.Rules;
using CrmCadenceSync.Core.Scheduling;
using CrmCadenceSync.Core.Touches;
using CrmCadenceSync.Storage;
using CrmCadenceSync.Storage.Entities;
using CrmCadenceSync.Storage.Mapping;
using CrmCadenceSync.Worker.Rules;
using Microsoft.EntityFrameworkCore;

namespace CrmCadenceSync.Worker.Outbox;

/// <summary>
/// Applies <see cref="WriteTimeCheck"/> to the automated emails and rep tasks about to go out, against the stored
/// enrollment and contact snapshot; a row that fails it is withdrawn with the reason instead of sent. An automated email
/// found outside the contact's business hours (queued in hours, held up by an outage or a backlog) waits for the next
/// opening in the contact's zone.
/// </summary>
public sealed partial class WriteTimeChecks(CadenceDbContext db, RuleSetProvider rules, ILogger<WriteTimeChecks> logger)
{
    /// <summary>Withdraws the rows that must not go out any more; returns the rows that still may.</summary>
    public async Task<List<OutboxEntity>> KeepSendableAsync(List<OutboxEntity> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var checkedRows = rows.Where(r => r.WriteType is WriteType.Email or WriteType.Task).ToList();
        if (checkedRows.Count == 0)
        {
            return rows;
        }

        var enrollmentIds = checkedRows.Where(r => r.EnrollmentId is not null).Select(r => r.EnrollmentId!.Value).Distinct().ToList();
        const string exited = nameof(EnrollmentState.Exited);
        var enrollments = await db.Enrollments.AsNoTracking().Where(e => enrollmentIds.Contains(e.Id))
            .Select(e => new { e.Id, e.State, e.RuleSetVersion, e.CadenceId })
            .ToDictionaryAsync(e => e.Id, cancellationToken);
        var ended = enrollments.Values.Where(e => e.State == exited).Select(e => e.Id).ToHashSet();
        var connection = checkedRows[0].Connection;
        var contactIds = checkedRows.Select(r => r.ContactCrmId).Distinct().ToList();
        var contacts = (await db.Contacts.AsNoTracking().Where(c => c.Connection == connection && contactIds.Contains(c.CrmId)).ToListAsync(cancellationToken))
            .ToDictionary(c => c.CrmId, c => c.ToContact(), StringComparer.Ordinal);

        var sendable = new List<OutboxEntity>(rows.Count);
        foreach (var row in rows)
        {
            var reason = row.WriteType is WriteType.Email or WriteType.Task && Channel(row) is { } channel
                ? WriteTimeCheck.Withdrawn(
                    row.EnrollmentId is { } id && ended.Contains(id),
                    contacts.GetValueOrDefault(row.ContactCrmId),
                    channel.Channel,
                    channel.SendsEmail)
                : null;
            if (reason is null)
            {
                if (row.WriteType == WriteType.Email
                    && row.EnrollmentId is { } enrollmentId
                    && enrollments.GetValueOrDefault(enrollmentId) is { } enrollment
                    && rules.CadenceOf(enrollment.RuleSetVersion, enrollment.CadenceId) is { } cadence
                    && contacts.GetValueOrDefault(row.ContactCrmId) is { } contact
                    && StepScheduler.NotBefore(cadence.Calendar, NextStepTiming.ContactZone(contact, null, cadence), now.AddTicks(-1), now) is var opening
                    && opening > now)
                {
                    row.AvailableAt = opening;
                    LogOutsideHours(row.Connection, row.IdempotencyKey, opening);
                    continue;
                }

                sendable.Add(row);
                continue;
            }

            row.State = OutboxState.Withdrawn;
            row.SentAt = now;
            row.LastError = reason;
            LogWithdrawn(row.Connection, row.IdempotencyKey, reason);
        }

        return sendable;
    }

    /// <summary>The row's channel; null when its payload does not read back (the send fails it and counts the attempt).</summary>
    private static (StepChannel Channel, bool SendsEmail)? Channel(OutboxEntity row)
    {
        try
        {
            return row.WriteType == WriteType.Email
                ? (OutboxPayload.Email(row).Log.Channel, true)
                : OutboxPayload.Activity(row) is var activity ? (activity.Channel, activity.Channel == StepChannel.Email) : null;
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {Connection}: automated email {Key} is outside the contact's business hours; it waits until {Opening:u}")]
    private partial void LogOutsideHours(string connection, string key, DateTimeOffset opening);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {Connection}: {Key} was withdrawn at write time: {Reason}")]
    private partial void LogWithdrawn(string connection, string key, string reason);
}
