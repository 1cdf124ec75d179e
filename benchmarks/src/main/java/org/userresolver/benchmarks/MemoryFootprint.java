package org.userresolver.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.management.ObjectName;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserResolver;
import org.userresolver.UserResolvers;

/**
 * Measures the retained heap per cached user, in a JVM of its own: for each count {@code n}, a
 * fresh chain (no store, so only the cache holds profiles) resolves {@code n} new ids, then the
 * live heap is read after full collections, both as the heap in use
 * ({@link java.lang.management.MemoryMXBean}) and as a class histogram (the
 * {@code GC.class_histogram} diagnostic command, what {@code jcmd} prints). Bytes per user are
 * the least-squares slope of the histogram's total against {@code n} (the heap-in-use slope is
 * reported too; it is noisier); the histogram of the largest
 * {@code n} minus that of none says which classes the bytes are. Prints one JSON object.
 *
 * <p>Run as {@code java -XX:+UseSerialGC -cp benchmarks.jar
 * org.userresolver.benchmarks.MemoryFootprint 0 10000 20000 40000}.
 */
public final class MemoryFootprint {

  private MemoryFootprint() {}

  /**
   * Measures and prints the result as JSON.
   *
   * @param args the user counts, ascending, the first usually 0
   * @throws Exception when the diagnostic command cannot run
   */
  public static void main(String[] args) throws Exception {
    long[] counts = new long[args.length];
    for (int i = 0; i < args.length; i++) {
      counts[i] = Long.parseLong(args[i]);
    }
    long largest = counts[counts.length - 1];
    ObjectMapper json = new ObjectMapper();
    ObjectNode result = json.createObjectNode();
    ArrayNode points = result.putArray("points");
    double[] live = new double[counts.length];
    double[] used = new double[counts.length];
    Map<String, long[]> first = null;
    Map<String, long[]> last = null;
    for (int i = 0; i < counts.length; i++) {
      UserResolver chain = fill(counts[i], largest);
      used[i] = heapUsedAfterGc();
      Map<String, long[]> histogram = histogram();
      Reference.reachabilityFence(chain);
      chain.close();
      live[i] = histogram.values().stream().mapToLong(value -> value[1]).sum();
      if (i == 0) {
        first = histogram;
      }
      last = histogram;
      points.addObject()
          .put("users", counts[i])
          .put("histogramBytes", (long) live[i])
          .put("heapUsedBytes", (long) used[i]);
    }
    result.put("bytesPerUser", slope(counts, live));
    result.put("profileCharacters", characters(Profiles.profile(Profiles.id(largest / 2))));
    result.put("heapUsedBytesPerUser", slope(counts, used));
    long spread = largest - counts[0];
    ObjectNode classes = result.putObject("classes");
    for (Map.Entry<String, long[]> entry : top(delta(first, last), 14).entrySet()) {
      classes.putObject(entry.getKey())
          .put("bytesPerUser", round((double) entry.getValue()[1] / spread))
          .put("instancesPerUser", round((double) entry.getValue()[0] / spread));
    }
    result.put("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
        + " " + ManagementFactory.getRuntimeMXBean().getInputArguments());
    System.out.println(json.writeValueAsString(result));
  }

  /** The characters of a profile's text fields and other_key_values, as a size reference. */
  private static int characters(User user) {
    int total = 0;
    for (RecordComponent component : User.class.getRecordComponents()) {
      try {
        if (component.getType() == String.class) {
          total += ((String) component.getAccessor().invoke(user)).length();
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    for (Map.Entry<String, String> entry : user.otherKeyValues().entrySet()) {
      total += entry.getKey().length() + entry.getValue().length();
    }
    return total;
  }

  /** Builds a chain whose cache holds {@code users} full profiles. */
  private static UserResolver fill(long users, long largest) throws InterruptedException {
    UserResolver chain = UserResolvers.builder()
        .settings(Settings.of(Map.of(Settings.CACHE_MAX_SIZE, Long.toString(largest + 1))))
        .provider(new SimulatedProvider(0))
        .withoutStore()
        .meterRegistry(new SimpleMeterRegistry())
        .build();
    for (long n = 0; n < users; n++) {
      chain.resolve(Profiles.id(n));
    }
    for (long n = 0; n < Math.min(users, 1000); n++) {
      chain.resolve(Profiles.id(n)); // hits drain Caffeine's buffers
    }
    Thread.sleep(200);
    return chain;
  }

  private static long heapUsedAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Class name to {instances, bytes}, after a full collection. */
  private static Map<String, long[]> histogram() throws Exception {
    String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
        new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
        new Object[] {new String[0]}, new String[] {String[].class.getName()});
    Map<String, long[]> classes = new HashMap<>();
    for (String line : text.split("\n")) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length >= 4 && fields[0].endsWith(":")) {
        classes.merge(fields[3], new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[2])},
            (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
      }
    }
    return classes;
  }

  private static Map<String, long[]> delta(Map<String, long[]> before, Map<String, long[]> after) {
    Map<String, long[]> delta = new HashMap<>();
    for (Map.Entry<String, long[]> entry : after.entrySet()) {
      long[] old = before.getOrDefault(entry.getKey(), new long[2]);
      delta.put(entry.getKey(),
          new long[] {entry.getValue()[0] - old[0], entry.getValue()[1] - old[1]});
    }
    return delta;
  }

  private static Map<String, long[]> top(Map<String, long[]> delta, int limit) {
    Map<String, long[]> top = new LinkedHashMap<>();
    delta.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
        .limit(limit)
        .forEach(entry -> top.put(entry.getKey(), entry.getValue()));
    return top;
  }

  private static double slope(long[] x, double[] y) {
    double meanX = 0;
    double meanY = 0;
    for (int i = 0; i < x.length; i++) {
      meanX += x[i];
      meanY += y[i];
    }
    meanX /= x.length;
    meanY /= y.length;
    double covariance = 0;
    double variance = 0;
    for (int i = 0; i < x.length; i++) {
      covariance += (x[i] - meanX) * (y[i] - meanY);
      variance += (x[i] - meanX) * (x[i] - meanX);
    }
    return round(covariance / variance);
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
