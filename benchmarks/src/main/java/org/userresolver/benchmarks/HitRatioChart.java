package org.userresolver.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Optional;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The cache-tuning chart: hit ratio against cache size (log scale), one line per policy (the
 * chain's Caffeine W-TinyLFU cache, LRU) and the unbounded cache's hit ratio as the ceiling.
 * JFreeChart draws it; JFreeSVG writes the SVG, its text as text. Needs no display.
 */
final class HitRatioChart {
  static final String CHAIN = "W-TinyLFU (the chain's Caffeine cache)";
  static final String LRU = "LRU (LinkedHashMap, access order)";
  static final int WIDTH = 760;
  static final int HEIGHT = 460;

  static {
    // JFreeChart draws rotated text as glyph outlines unless told otherwise; SVG wants text
    TextUtils.setUseDrawRotatedStringWorkaround(false);
  }

  private HitRatioChart() {}

  /** Charts a report's {@code cacheTuning} section; empty when it has fewer than two sizes. */
  static Optional<JFreeChart> of(JsonNode report) {
    JsonNode tuning = report.path("cacheTuning");
    if (tuning.path("hitRatios").size() < 2) {
      return Optional.empty();
    }
    XYSeriesCollection lines = new XYSeriesCollection();
    lines.addSeries(series(CHAIN, tuning, "chain"));
    lines.addSeries(series(LRU, tuning, "lru"));
    JFreeChart chart = ChartFactory.createXYLineChart(Numbers.format("Hit ratio vs cache size "
        + "(%s, %s)", report.path("date").asText(), report.path("mode").asText()), null,
        "hit ratio", lines);
    chart.addSubtitle(new TextTitle(tuning.path("workloadDescription").asText()));
    XYPlot plot = chart.getXYPlot();
    LogarithmicAxis sizes = new LogarithmicAxis("USER_RESOLVER_CACHE_MAX_SIZE (entries, "
        + "log scale)");
    sizes.setTickUnit(new NumberTickUnit(1, NumberFormat.getIntegerInstance(Locale.ROOT)));
    plot.setDomainAxis(sizes);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    NumberAxis hitRatio = (NumberAxis) plot.getRangeAxis();
    hitRatio.setRange(0, 1);
    hitRatio.setNumberFormatOverride(NumberFormat.getPercentInstance(Locale.ROOT));
    XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
    renderer.setDefaultShapesVisible(true);
    renderer.setAutoPopulateSeriesStroke(false);
    renderer.setDefaultStroke(new BasicStroke(2));
    double unbounded = tuning.path("unboundedHitRatio").asDouble();
    ValueMarker ceiling = new ValueMarker(unbounded, Color.DARK_GRAY, new BasicStroke(1,
        BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {6, 4}, 0));
    ceiling.setLabelBackgroundColor(Color.WHITE);
    ceiling.setLabel("unbounded cache (compulsory misses only): " + Numbers.percent(unbounded));
    ceiling.setLabelAnchor(RectangleAnchor.TOP_LEFT);
    ceiling.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
    plot.addRangeMarker(ceiling);
    return Optional.of(chart);
  }

  private static XYSeries series(String name, JsonNode tuning, String policy) {
    XYSeries series = new XYSeries(name);
    tuning.path("hitRatios").forEach(point -> series.add(point.path("size").asDouble(),
        point.path(policy).asDouble()));
    return series;
  }

  /** Writes a chart as SVG and as PNG, {@value #WIDTH} by {@value #HEIGHT} pixels. */
  static void write(JFreeChart chart, Path svg, Path png) throws IOException {
    SVGGraphics2D graphics = new SVGGraphics2D(WIDTH, HEIGHT);
    graphics.setDefsKeyPrefix("hitratio");
    chart.draw(graphics, new Rectangle(WIDTH, HEIGHT));
    Files.writeString(svg, graphics.getSVGDocument(), StandardCharsets.UTF_8);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
  }
}
