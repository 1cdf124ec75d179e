package org.userresolver.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The cache-tuning plot as a standalone SVG: hit ratio against cache size (log scale), one line
 * per policy (the chain's Caffeine W-TinyLFU cache, LRU), and the unbounded cache's hit ratio as
 * the ceiling. Written by hand, no plotting library.
 */
final class HitRatioPlot {
  private static final int WIDTH = 760;
  private static final int HEIGHT = 460;
  private static final int LEFT = 70;
  private static final int RIGHT = 30;
  private static final int TOP = 60;
  private static final int BOTTOM = 60;

  private HitRatioPlot() {}

  /** Renders the {@code cacheTuning} section of a report; a note when it is missing. */
  static String svg(JsonNode report) {
    JsonNode tuning = report.path("cacheTuning");
    JsonNode points = tuning.path("hitRatios");
    StringBuilder svg = new StringBuilder();
    svg.append(Numbers.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
        + "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
        WIDTH, HEIGHT, WIDTH, HEIGHT));
    svg.append(Numbers.format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH,
        HEIGHT));
    if (points.size() < 2) {
      svg.append("<text x=\"20\" y=\"40\">no cache-tuning results</text>\n</svg>\n");
      return svg.toString();
    }
    double minSize = points.get(0).path("size").asDouble();
    double maxSize = points.get(points.size() - 1).path("size").asDouble();
    Scale scale = new Scale(Math.log10(minSize), Math.log10(maxSize));
    title(svg, report, tuning);
    axes(svg, points, scale);
    double unbounded = tuning.path("unboundedHitRatio").asDouble();
    svg.append(Numbers.format("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
        + "stroke=\"#888\" stroke-dasharray=\"6 4\"/>%n", LEFT, scale.y(unbounded),
        WIDTH - RIGHT, scale.y(unbounded)));
    line(svg, points, "chain", scale, "#1f77b4", "");
    line(svg, points, "lru", scale, "#d62728", "");
    legend(svg, List.of(
        new String[] {"#1f77b4", "", "W-TinyLFU (the chain's Caffeine cache)"},
        new String[] {"#d62728", "", "LRU (LinkedHashMap, access order)"},
        new String[] {"#888", "6 4", "unbounded cache (compulsory misses only)"}));
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static void title(StringBuilder svg, JsonNode report, JsonNode tuning) {
    svg.append(Numbers.format("<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">"
        + "Hit ratio vs USER_RESOLVER_CACHE_MAX_SIZE (%s, %s)</text>%n", LEFT,
        report.path("date").asText(), report.path("mode").asText()));
    svg.append(Numbers.format("<text x=\"%d\" y=\"42\" fill=\"#444\">%s</text>%n", LEFT,
        escape(tuning.path("workloadDescription").asText())));
  }

  private static void axes(StringBuilder svg, JsonNode points, Scale scale) {
    int bottom = HEIGHT - BOTTOM;
    for (int tenth = 0; tenth <= 10; tenth += 2) {
      double y = scale.y(tenth / 10.0);
      svg.append(Numbers.format("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
          + "stroke=\"#e5e5e5\"/>%n", LEFT, y, WIDTH - RIGHT, y));
      svg.append(Numbers.format("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d%%</text>%n",
          LEFT - 8, y + 4, tenth * 10));
    }
    for (JsonNode point : points) {
      double x = scale.x(point.path("size").asDouble());
      svg.append(Numbers.format("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
          + "stroke=\"#e5e5e5\"/>%n", x, TOP, x, bottom));
      svg.append(Numbers.format("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
          x, bottom + 18, Numbers.format("%,d", point.path("size").asLong())));
    }
    svg.append(Numbers.format("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
        + "stroke=\"#333\"/>%n", LEFT, TOP, WIDTH - LEFT - RIGHT, bottom - TOP));
    svg.append(Numbers.format("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">cache size "
        + "(entries, log scale)</text>%n", (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 16));
    svg.append(Numbers.format("<text x=\"18\" y=\"%d\" text-anchor=\"middle\" "
        + "transform=\"rotate(-90 18 %d)\">hit ratio</text>%n", (TOP + bottom) / 2,
        (TOP + bottom) / 2));
  }

  private static void line(StringBuilder svg, JsonNode points, String field, Scale scale,
      String color, String dashes) {
    List<String> coordinates = new ArrayList<>();
    for (JsonNode point : points) {
      coordinates.add(Numbers.format("%.1f,%.1f", scale.x(point.path("size").asDouble()),
          scale.y(point.path(field).asDouble())));
    }
    svg.append(Numbers.format("<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" "
        + "stroke-width=\"2.5\"%s/>%n", String.join(" ", coordinates), color,
        dashes.isEmpty() ? "" : " stroke-dasharray=\"" + dashes + "\""));
    for (String coordinate : coordinates) {
      String[] xy = coordinate.split(",");
      svg.append(Numbers.format("<circle cx=\"%s\" cy=\"%s\" r=\"3.5\" fill=\"%s\"/>%n", xy[0],
          xy[1], color));
    }
  }

  private static void legend(StringBuilder svg, List<String[]> entries) {
    int x = WIDTH - RIGHT - 330;
    int y = HEIGHT - BOTTOM - 20 - 20 * entries.size();
    svg.append(Numbers.format("<rect x=\"%d\" y=\"%d\" width=\"322\" height=\"%d\" "
        + "fill=\"white\" stroke=\"#ccc\"/>%n", x - 8, y - 14, 20 * entries.size() + 8));
    for (String[] entry : entries) {
      svg.append(Numbers.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
          + "stroke-width=\"2.5\"%s/>%n", x, y - 4, x + 26, y - 4, entry[0],
          entry[1].isEmpty() ? "" : " stroke-dasharray=\"" + entry[1] + "\""));
      svg.append(Numbers.format("<text x=\"%d\" y=\"%d\">%s</text>%n", x + 34, y,
          escape(entry[2])));
      y += 20;
    }
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Maps log10(size) and hit ratio to pixels. */
  private record Scale(double minLog, double maxLog) {
    double x(double size) {
      double span = Math.max(1e-9, maxLog - minLog);
      return LEFT + 10 + (Math.log10(size) - minLog) / span * (WIDTH - LEFT - RIGHT - 20);
    }

    double y(double ratio) {
      return HEIGHT - BOTTOM - ratio * (HEIGHT - BOTTOM - TOP);
    }
  }
}
