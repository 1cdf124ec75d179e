package org.userresolver.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

final class HitRatioChartTest {

  @TempDir
  Path directory;

  private static XYPlot plot() {
    return HitRatioChart.of(Fixtures.report()).orElseThrow().getXYPlot();
  }

  @Test
  void of_drawsOneLinePerPolicy_throughTheHitRatioAtEachSize() {
    XYSeriesCollection lines = (XYSeriesCollection) plot().getDataset();

    assertEquals(List.of(HitRatioChart.CHAIN, HitRatioChart.LRU),
        List.of(lines.getSeriesKey(0), lines.getSeriesKey(1)));
    assertEquals(2, lines.getSeriesCount());
    XYSeries chain = lines.getSeries(HitRatioChart.CHAIN);
    XYSeries lru = lines.getSeries(HitRatioChart.LRU);
    assertEquals(List.of(500.0, 10_000.0, 100_000.0), List.of(chain.getX(0).doubleValue(),
        chain.getX(1).doubleValue(), chain.getX(2).doubleValue()));
    assertEquals(0.363, chain.getY(0).doubleValue());
    assertEquals(0.2723, lru.getY(0).doubleValue());
    assertEquals(0.5871, lru.getY(1).doubleValue());
  }

  @Test
  void of_putsSizesOnALogScale_andMarksTheUnboundedHitRatio() {
    XYPlot plot = plot();

    assertInstanceOf(LogarithmicAxis.class, plot.getDomainAxis());
    assertEquals(0.9087, plot.getRangeMarkers(Layer.FOREGROUND).stream()
        .map(marker -> ((ValueMarker) marker).getValue())
        .findFirst().orElseThrow());
  }

  @Test
  void of_isEmpty_withoutCacheTuningResults() {
    ObjectNode report = Fixtures.report();
    report.remove("cacheTuning");

    assertTrue(HitRatioChart.of(report).isEmpty());
  }

  @Test
  void write_producesAnSvgWhoseTextNamesBothPolicies_andAPngOfTheChartsSize() throws Exception {
    JFreeChart chart = HitRatioChart.of(Fixtures.report()).orElseThrow();
    Path svg = directory.resolve("chart.svg");
    Path png = directory.resolve("chart.png");

    HitRatioChart.write(chart, svg, png);

    assertTrue(texts(svg).containsAll(List.of("Hit ratio vs cache size (2026-11-28, quick)",
        HitRatioChart.CHAIN, HitRatioChart.LRU, "hit ratio")), () -> texts(svg).toString());
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(HitRatioChart.WIDTH, image.getWidth());
    assertEquals(HitRatioChart.HEIGHT, image.getHeight());
  }

  /** The SVG's text elements, parsed as XML (so it is well formed) without fetching its DTD. */
  private static List<String> texts(Path svg) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      Document document = factory.newDocumentBuilder().parse(svg.toFile());
      NodeList nodes = document.getElementsByTagName("text");
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < nodes.getLength(); i++) {
        texts.add(nodes.item(i).getTextContent());
      }
      return texts;
    } catch (Exception e) {
      throw new AssertionError("not a well-formed SVG: " + svg, e);
    }
  }
}
