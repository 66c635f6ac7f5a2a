using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmCadenceSync.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeliveryAttemptsAndConnectionTrouble : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AttemptedAt",
                table: "Outbox",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "Connections",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastErrorAt",
                table: "Connections",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "StateSince",
                table: "Connections",
                type: "INTEGER",
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
