using CrmCadenceSync.Worker.Commands;

return await WorkerCommandLine.Create(Console.Out).Parse(args).InvokeAsync();
