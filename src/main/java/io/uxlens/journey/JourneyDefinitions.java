package io.uxlens.journey;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The loaded, validated journey definitions, in file order. */
public final class JourneyDefinitions {
  public static final String DEFAULT_RESOURCE = "journeys/default.yml";

  private final Map<String, JourneyDefinition> byId = new LinkedHashMap<>();

  public JourneyDefinitions(List<JourneyDefinition> journeys) {
    for (JourneyDefinition j : journeys) {
      if (byId.put(j.id(), j) != null) {
        throw new IllegalArgumentException("duplicate journey id " + j.id());
      }
    }
  }

  /** The file given, or the four journeys shipped in the jar when {@code file} is null. */
  public static JourneyDefinitions load(Path file) {
    if (file == null) {
      return loadDefault();
    }
    try (InputStream in = Files.newInputStream(file)) {
      return new JourneyDefinitions(JourneyYaml.parse(file.toString(), in));
    } catch (IOException e) {
      throw new JourneyFileException(file.toString(), "", "cannot read the file: " + e.getMessage());
    }
  }

  public static JourneyDefinitions loadDefault() {
    try (InputStream in = JourneyDefinitions.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new JourneyFileException(DEFAULT_RESOURCE, "", "resource missing from the jar");
      }
      return new JourneyDefinitions(JourneyYaml.parse("classpath:" + DEFAULT_RESOURCE, in));
    } catch (IOException e) {
      throw new JourneyFileException(DEFAULT_RESOURCE, "", "cannot read the resource: " + e.getMessage());
    }
  }

  public List<JourneyDefinition> all() {
    return List.copyOf(byId.values());
  }

  public Optional<JourneyDefinition> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Every event name any journey listens to: the sessionizer reads only these. */
  public Set<String> eventNames() {
    Set<String> names = new TreeSet<>();
    byId.values().forEach(j -> names.addAll(j.eventNames()));
    return names;
  }
}
