using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmCadenceSync.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EngagementOutcomes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EngagementOutcomes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnrollmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Connection = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ContactCrmId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TaskKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CallOutcome = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EngagementOutcomes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EngagementOutcomes_EnrollmentId_Kind_TaskKey",
                table: "EngagementOutcomes",
                columns: new[] { "EnrollmentId", "Kind", "TaskKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EngagementOutcomes_TaskKey",
                table: "EngagementOutcomes",
                column: "TaskKey");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EngagementOutcomes");
        }
    }
}
