using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmCadenceSync.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AutoReplyPause : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AutoReplyAt",
                table: "Enrollments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PausedUntil",
                table: "Enrollments",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AutoReplyAt",
                table: "Enrollments");

            migrationBuilder.DropColumn(
                name: "PausedUntil",
                table: "Enrollments");
        }
    }
}
