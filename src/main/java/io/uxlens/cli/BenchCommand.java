package io.uxlens.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code uxlens bench ...}: rerunnable measurements that report against a baseline computed in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Rerunnable measurements.",
    subcommands = {BenchIngestCommand.class, BenchSentimentCommand.class, BenchJourneysCommand.class,
        BenchDashboardsCommand.class, BenchExperimentsCommand.class, BenchFeedbackCommand.class,
        BenchImportCommand.class, BenchFuzzCommand.class, BenchOverloadCommand.class,
        BenchCrashCommand.class, BenchSoakCommand.class})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
