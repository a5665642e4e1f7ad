package io.uxlens.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code uxlens} command line. Usage errors exit 2 with a one-line reason. */
@Command(
    name = "uxlens",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "UX Lens: user experience and system performance as one picture, in Grafana.",
    subcommands = {ServeCommand.class, DemoCommand.class, DashboardsCommand.class, BenchCommand.class,
        MigrateCommand.class,
        io.uxlens.importer.ImportCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (tests call this rather than main). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setParameterExceptionHandler((ex, argv) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("uxlens: " + ex.getMessage() + " (try '" + c.getCommandSpec().qualifiedName()
          + " --help')");
      return 2;
    });
    cli.setExecutionExceptionHandler((ex, c, parsed) -> {
      if (ex instanceof UsageProblem || ex instanceof io.uxlens.config.ConfigFileException) {
        c.getErr().println("uxlens: " + ex.getMessage());
        return 2;
      }
      throw ex;
    });
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"uxlens " + io.uxlens.Version.get()};
    }
  }

  /** A problem with how the command was called that only shows up when it runs (a missing file, say). */
  static final class UsageProblem extends RuntimeException {
    UsageProblem(String message) {
      super(message);
    }
  }
}
