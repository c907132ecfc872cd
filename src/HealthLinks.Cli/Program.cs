using System.CommandLine;

using HealthLinks.Cli;

var root = new RootCommand("HealthLinks: coordinated care for patients with complex needs.")
{
    DatabaseCommands.Create(),
    SetupCommands.Setup(),
    SetupCommands.HealthLink(),
    UserCommands.Create(),
    BackupCommands.Backup(),
    BackupCommands.Restore(),
    SeedCommand.Create(),
    PlanCommands.Create(),
    ReportCommands.Create(),
    RegionCommands.Create(),
    ImportCommands.Create(),
    ScreenCommand.Create(),
    ModelCommand.Create(),
    AuditCommands.Create(),
    ReminderCommands.Create(),
    AdtCommands.Create(),
};
return await root.Parse(args).InvokeAsync();
