using GateLang.Cli;

return GateLangApp.Run(args, Console.Out, Console.Error);
