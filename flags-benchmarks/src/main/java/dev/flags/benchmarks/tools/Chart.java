package dev.flags.benchmarks.tools;

import static dev.flags.benchmarks.tools.Units.time;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark chart: evaluation time per call of every library, as an SVG bar chart. */
final class Chart {
  private Chart() {}

  private static final String[] COLORS = {
    "#1b6ac9", "#7f7f7f", "#e8590c", "#2f9e44", "#9c36b5", "#c92a2a", "#e6a700"
  };

  static String svg(Map<Scenario, Map<String, Map<Library, JmhResult>>> cells, String prebuilt) {
    List<Scenario> rows = new ArrayList<>();
    double max = 10;
    double min = 1;
    for (Scenario s : Scenario.values()) {
      Map<Library, JmhResult> m = cells.getOrDefault(s, Map.of()).get(prebuilt);
      if (m != null && !m.isEmpty()) {
        rows.add(s);
        for (JmhResult r : m.values()) {
          max = Math.max(max, r.score);
          min = Math.min(min, r.score);
        }
      }
    }
    Library[] libs = Library.values();
    int bar = 9;
    int gap = 12;
    int labelWidth = 300;
    int plotWidth = 760;
    int top = 70;
    int groupHeight = libs.length * bar + gap;
    int height = top + rows.size() * groupHeight + 60;
    int width = labelWidth + plotWidth + 40;
    double lo = Math.floor(Math.log10(Math.max(0.1, min)));
    double hi = Math.ceil(Math.log10(max));
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(
        Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
            + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
        width,
        height,
        width,
        height));
    svg.append(String.format(
        Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
    svg.append("<text x=\"10\" y=\"22\" font-size=\"16\" font-weight=\"bold\">"
        + "Evaluation time per call, pre-built context (ns/op, log scale; shorter is better)"
        + "</text>\n");
    // Legend.
    int lx = 10;
    for (int i = 0; i < libs.length; i++) {
      svg.append(String.format(
          Locale.ROOT,
          "<rect x=\"%d\" y=\"34\" width=\"12\" height=\"12\" fill=\"%s\"/>"
              + "<text x=\"%d\" y=\"45\">%s</text>%n",
          lx,
          COLORS[i],
          lx + 16,
          escape(libs[i].title)));
      lx += 24 + libs[i].title.length() * 7;
    }
    // Grid: one line per decade.
    for (double d = lo; d <= hi; d++) {
      double x = labelWidth + (d - lo) / (hi - lo) * plotWidth;
      svg.append(String.format(
          Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
              + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s</text>%n",
          x,
          top - 8,
          x,
          height - 40,
          x,
          height - 24,
          escape(time(Math.pow(10, d)))));
    }
    int y = top;
    for (Scenario s : rows) {
      Map<Library, JmhResult> m = cells.get(s).get(prebuilt);
      svg.append(String.format(
          Locale.ROOT,
          "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s %s</text>%n",
          labelWidth - 8,
          y + groupHeight / 2,
          escape(s.number),
          escape(s.title)));
      for (int i = 0; i < libs.length; i++) {
        JmhResult r = m.get(libs[i]);
        int by = y + i * bar;
        if (r == null) {
          continue;
        }
        double v = Math.log10(Math.max(Math.pow(10, lo), r.score));
        double w = Math.max(1, (v - lo) / (hi - lo) * plotWidth);
        svg.append(String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                + "<title>%s: %s</title></rect>"
                + "<text x=\"%.1f\" y=\"%d\" font-size=\"9\" fill=\"#333\">%s</text>%n",
            labelWidth,
            by,
            w,
            bar - 1,
            COLORS[i],
            escape(libs[i].title),
            escape(time(r.score)),
            labelWidth + w + 3,
            by + bar - 1,
            escape(time(r.score))));
      }
      y += groupHeight;
    }
    svg.append(String.format(
        Locale.ROOT,
        "<text x=\"10\" y=\"%d\" fill=\"#555\">Missing bar: the library cannot express the"
            + " scenario (see table.md). Generated from JMH results by"
            + " dev.flags.benchmarks.tools.Report.</text>%n",
        height - 6));
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
