using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmCadenceSync.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Connections",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CursorModifiedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CursorLastId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    StateReason = table.Column<string>(type: "TEXT", nullable: true),
                    ParkedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    LastSuccessfulSyncAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Connections", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "Contacts",
                columns: table => new
                {
                    Connection = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CrmId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Email = table.Column<string>(type: "TEXT", nullable: true),
                    FirstName = table.Column<string>(type: "TEXT", nullable: true),
                    LastName = table.Column<string>(type: "TEXT", nullable: true),
                    Company = table.Column<string>(type: "TEXT", nullable: true),
                    Title = table.Column<string>(type: "TEXT", nullable: true),
                    OwnerId = table.Column<string>(type: "TEXT", nullable: true),
                    TimeZone = table.Column<string>(type: "TEXT", nullable: true),
                    LeadScore = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    LifecycleStage = table.Column<string>(type: "TEXT", nullable: true),
                    LeadSource = table.Column<string>(type: "TEXT", nullable: true),
                    Country = table.Column<string>(type: "TEXT", nullable: true),
                    EmailOptOut = table.Column<bool>(type: "INTEGER", nullable: false),
                    DoNotCall = table.Column<bool>(type: "INTEGER", nullable: false),
                    EmailBounced = table.Column<bool>(type: "INTEGER", nullable: false),
                    LastRepliedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastMeetingBookedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastEmailOpenedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastEmailClickedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    IsConverted = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsDeleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    MergedIntoCrmId = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PropertiesJson = table.Column<string>(type: "TEXT", nullable: false),
                    SnapshotAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contacts", x => new { x.Connection, x.CrmId });
                });

            migrationBuilder.CreateTable(
                name: "DeadLetters",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Connection = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    WriteType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PayloadJson = table.Column<string>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false),
                    FailedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Resolution = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeadLetters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Enrollments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Connection = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ContactCrmId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Segment = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    CadenceId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    RuleSetVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    IsOpen = table.Column<bool>(type: "INTEGER", nullable: false),
                    EnrolledAt = table.Column<long>(type: "INTEGER", nullable: false),
                    NextStepIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    NextDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PreviousStepAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastEmailStepAt = table.Column<long>(type: "INTEGER", nullable: true),
                    HoldReason = table.Column<string>(type: "TEXT", nullable: true),
                    PausedByPolicy = table.Column<bool>(type: "INTEGER", nullable: false),
                    ExitReason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    TriggerFieldsJson = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Enrollments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InboxEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Connection = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DedupeKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ContactCrmId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PropertyName = table.Column<string>(type: "TEXT", nullable: true),
                    PropertyValue = table.Column<string>(type: "TEXT", nullable: true),
                    MergedIntoCrmId = table.Column<string>(type: "TEXT", nullable: true),
                    ContactJson = table.Column<string>(type: "TEXT", nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    AvailableAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Outbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Connection = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    WriteType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PayloadJson = table.Column<string>(type: "TEXT", nullable: false),
                    EnrollmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ContactCrmId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RepLocalDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AvailableAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CrmId = table.Column<string>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RuleSetVersions",
                columns: table => new
                {
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    DefinitionJson = table.Column<string>(type: "TEXT", nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ChangeSummary = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RuleSetVersions", x => x.Version);
                });

            migrationBuilder.CreateTable(
                name: "StepRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnrollmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StepId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    StepNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Variant = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", nullable: true),
                    IdempotencyKey = table.Column<string>(type: "TEXT", nullable: true),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StepRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TriggerEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FieldsJson = table.Column<string>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Matched = table.Column<int>(type: "INTEGER", nullable: false),
                    Enrolled = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TriggerEvents", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Connection_OwnerId",
                table: "Contacts",
                columns: new[] { "Connection", "OwnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_DeadLetters_ResolvedAt_FailedAt",
                table: "DeadLetters",
                columns: new[] { "ResolvedAt", "FailedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Enrollments_Connection_ContactCrmId_EnrolledAt",
                table: "Enrollments",
                columns: new[] { "Connection", "ContactCrmId", "EnrolledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Enrollments_IsOpen_NextDueAt",
                table: "Enrollments",
                columns: new[] { "IsOpen", "NextDueAt" });

            migrationBuilder.CreateIndex(
                name: "UX_Enrollments_OneOpenPerContact",
                table: "Enrollments",
                columns: new[] { "Connection", "ContactCrmId" },
                unique: true,
                filter: "\"IsOpen\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_InboxEvents_Connection_DedupeKey",
                table: "InboxEvents",
                columns: new[] { "Connection", "DedupeKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InboxEvents_ProcessedAt_AvailableAt",
                table: "InboxEvents",
                columns: new[] { "ProcessedAt", "AvailableAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_Connection_OwnerId_RepLocalDate",
                table: "Outbox",
                columns: new[] { "Connection", "OwnerId", "RepLocalDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_Connection_WriteType_ContactCrmId_State",
                table: "Outbox",
                columns: new[] { "Connection", "WriteType", "ContactCrmId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_IdempotencyKey",
                table: "Outbox",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_State_Connection_WriteType_AvailableAt",
                table: "Outbox",
                columns: new[] { "State", "Connection", "WriteType", "AvailableAt" });

            migrationBuilder.CreateIndex(
                name: "IX_StepRuns_EnrollmentId",
                table: "StepRuns",
                column: "EnrollmentId");

            migrationBuilder.CreateIndex(
                name: "IX_TriggerEvents_Trigger_EventId",
                table: "TriggerEvents",
                columns: new[] { "Trigger", "EventId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Connections");

            migrationBuilder.DropTable(
                name: "Contacts");

            migrationBuilder.DropTable(
                name: "DeadLetters");

            migrationBuilder.DropTable(
                name: "Enrollments");

            migrationBuilder.DropTable(
                name: "InboxEvents");

            migrationBuilder.DropTable(
                name: "Outbox");

            migrationBuilder.DropTable(
                name: "RuleSetVersions");

            migrationBuilder.DropTable(
                name: "StepRuns");

            migrationBuilder.DropTable(
                name: "TriggerEvents");
        }
    }
}
