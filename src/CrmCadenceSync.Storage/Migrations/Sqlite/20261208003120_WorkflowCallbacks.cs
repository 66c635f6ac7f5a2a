using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmCadenceSync.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorkflowCallbacks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WorkflowCallbacks",
                columns: table => new
                {
                    CallbackId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Connection = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ContactCrmId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EnrollmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ResponseJson = table.Column<string>(type: "TEXT", nullable: false),
                    OutputsJson = table.Column<string>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowCallbacks", x => x.CallbackId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowCallbacks_EnrollmentId",
                table: "WorkflowCallbacks",
                column: "EnrollmentId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowCallbacks_State_NextAttemptAt",
                table: "WorkflowCallbacks",
                columns: new[] { "State", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WorkflowCallbacks");
        }
    }
}
