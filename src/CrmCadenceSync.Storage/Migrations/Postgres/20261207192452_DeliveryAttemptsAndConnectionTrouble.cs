using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmCadenceSync.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DeliveryAttemptsAndConnectionTrouble : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AttemptedAt",
                table: "Outbox",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "Connections",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastErrorAt",
                table: "Connections",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "StateSince",
                table: "Connections",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AttemptedAt",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "LastError",
                table: "Connections");

            migrationBuilder.DropColumn(
                name: "LastErrorAt",
                table: "Connections");

            migrationBuilder.DropColumn(
                name: "StateSince",
                table: "Connections");
        }
    }
}
