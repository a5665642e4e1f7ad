package io.uxlens.cli;

import io.uxlens.dashboards.DashboardSet;
import io.uxlens.dashboards.Flavor;
import io.uxlens.dashboards.JourneySpec;
import io.uxlens.dashboards.JourneySpecs;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code uxlens dashboards}: Grafana dashboards generated from the journey definitions. */
@Command(name = "dashboards", mixinStandardHelpOptions = true,
    description = "Generate Grafana dashboards: one per journey, plus overview, on-call, experiments and voice of "
        + "the customer.")
public final class DashboardsCommand implements Callable<Integer> {
  @Option(names = "--journeys", description = "Journey definitions YAML (default: the journeys shipped in the jar).")
  Path journeys;

  @Option(names = "--out", defaultValue = "dashboards", description = "Output folder (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--flavor", defaultValue = "infinity", description = "Data source: infinity (default; "
      + "yesoreyeram-infinity-datasource, uid uxlens-infinity) or json-api (simpod-json-datasource, uid uxlens-json).")
  String flavor;

  @Override
  public Integer call() throws Exception {
    Flavor f;
    List<JourneySpec> specs;
    try {
      f = Flavor.of(flavor);
      specs = JourneySpecs.load(journeys);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageProblem(e.getMessage());
    }
    List<Path> written = DashboardSet.write(out, DashboardSet.generate(specs, f));
    System.out.println("Wrote " + written.size() + " dashboards (" + f.cliName() + ") to " + out + ":");
    written.forEach(p -> System.out.println("  " + p));
    return 0;
  }
}
