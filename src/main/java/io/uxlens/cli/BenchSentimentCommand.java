package io.uxlens.cli;

import io.uxlens.feedback.SentimentEvaluation.Labelled;
import io.uxlens.feedback.SentimentEvaluation;
import io.uxlens.feedback.Vader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code uxlens bench sentiment --file PATH}: VADER accuracy on labelled sentences, against majority guess. */
@Command(name = "sentiment", mixinStandardHelpOptions = true,
    description = "Sentiment accuracy on a file of 'sentence<TAB>label' lines (label 1 positive, 0 negative),"
        + " e.g. the UCI sentiment labelled sentences.")
public final class BenchSentimentCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--file", required = true, description = "Labelled sentences, one per line.")
  Path file;

  @Override
  public Integer call() {
    List<Labelled> items = read(file);
    long start = System.nanoTime();
    SentimentEvaluation e = SentimentEvaluation.evaluate(items, Vader.standard());
    double ms = (System.nanoTime() - start) / 1e6;
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "sentences            %d (%d positive, %d negative) from %s%n", e.total(),
        e.positives(), e.total() - e.positives(), file);
    out.printf(Locale.ROOT, "accuracy             %.4f  (VADER, positive when compound >= %.2f)%n",
        e.accuracy(), Vader.POSITIVE_THRESHOLD);
    out.printf(Locale.ROOT, "with product lexicon %.4f  (VADER plus the product lexicon, as feedback is scored)%n",
        SentimentEvaluation.evaluate(items, Vader.feedback()).accuracy());
    out.printf(Locale.ROOT, "baseline             %.4f  (majority-class guess)%n", e.majorityBaseline());
    out.printf(Locale.ROOT, "positive             precision %.4f  recall %.4f%n", e.positivePrecision(),
        e.positiveRecall());
    out.printf(Locale.ROOT, "negative             precision %.4f  recall %.4f%n", e.negativePrecision(),
        e.negativeRecall());
    out.printf(Locale.ROOT, "confusion            tp %d  fp %d  tn %d  fn %d  (neutral-band answers %d)%n",
        e.truePositives(), e.falsePositives(), e.trueNegatives(), e.falseNegatives(), e.neutral());
    out.printf(Locale.ROOT, "time                 %.1f ms%n", ms);
    out.flush();
    return 0;
  }

  static List<Labelled> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new Main.UsageProblem("cannot read --file " + file + ": " + e.getMessage());
    }
    List<Labelled> items = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      int tab = line.lastIndexOf('\t');
      String label = tab < 0 ? "" : line.substring(tab + 1).trim();
      if (tab <= 0 || !(label.equals("0") || label.equals("1")) || line.substring(0, tab).isBlank()) {
        throw new Main.UsageProblem(file + " line " + (i + 1) + ": want 'sentence<TAB>0|1'");
      }
      items.add(new Labelled(line.substring(0, tab), label.equals("1")));
    }
    if (items.isEmpty()) {
      throw new Main.UsageProblem(file + ": no labelled sentences");
    }
    return items;
  }
}
