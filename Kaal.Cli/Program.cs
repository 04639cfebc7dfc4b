using System.CommandLine;
using Kaal.Cli.Commands;

namespace Kaal.Cli;

/// <summary>The `kaal` command: parses arguments and hands over; the work lives in the libraries.</summary>
public static class Program
{
    public static int Main(string[] args) => CommandLineHost.Run(CreateRootCommand(), args);

    /// <summary>Every command, as `kaal --help` lists them.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand($"KaaL: a capability microkernel toolkit (model, simulator, AArch64 kernel, HIL). {ExitCode.Policy}");
        root.Options.Add(CommandLineHost.Verbose);
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(DiffCommand.Create());
        root.Subcommands.Add(ExploreCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        root.Subcommands.Add(MergeCommand.Create());
        root.Subcommands.Add(LitmusCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(ManifestCommand.Create());
        root.Subcommands.Add(ComponentsCommand.Create());
        root.Subcommands.Add(BuildCommand.Create());
        root.Subcommands.Add(HilCommand.Create());
        root.Subcommands.Add(BootCommand.Create());
        root.Subcommands.Add(DoctorCommand.Create());
        return root;
    }
}
