package dev.flags.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flags.Context;
import dev.flags.Flags;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which request values become context attributes, and of which type. */
final class RequestContextFactoryTest {
  private static RequestContextFactory factory(Map<String, String> attributes) {
    FlagsProperties.RequestContext settings = new FlagsProperties.RequestContext();
    settings.setAttributes(attributes);
    settings.setAnonymousKey("anonymous");
    return new RequestContextFactory(settings, List.of());
  }

  @Test
  void requestAttributes_keepTheirType_andOtherTypesAreLeftOut() {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setAttribute("s", "text");
    request.setAttribute("b", true);
    request.setAttribute("i", 7);
    request.setAttribute("d", 2.5);
    request.setAttribute("l", List.of("x", "y"));
    request.setAttribute("e", DayOfWeek.MONDAY);
    request.setAttribute("o", new Object());

    Context c = factory(Map.of(
            "s", "s", "b", "b", "i", "i", "d", "d", "l", "l", "e", "e", "o", "o", "n", "absent"))
        .create(request);

    assertThat(c.key()).isEqualTo("anonymous");
    assertThat(c.get("s")).isEqualTo("text");
    assertThat(c.get("b")).isEqualTo(true);
    assertThat(c.get("i")).isEqualTo(7.0);
    assertThat(c.get("d")).isEqualTo(2.5);
    assertThat(c.get("l")).isEqualTo(List.of("x", "y"));
    assertThat(c.get("e")).isEqualTo("MONDAY");
    assertThat(c.get("o")).isNull();
    assertThat(c.get("n")).isNull();
  }

  @Test
  void of_withoutTheFilter_saysSo() {
    assertThatThrownBy(() -> RequestFlags.of(new MockHttpServletRequest()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no RequestFlags for this request: FlagsRequestFilter did not run"
            + " (flags.request-context.enabled=false, or not a servlet request)");
  }

  @Test
  void requestFlags_buildsItsContextOnce_andPinsOneSnapshot() {
    try (Flags flags = Flags.newBuilder()
        .document(dev.flags.testsupport.Docs.doc("v1", dev.flags.testsupport.Docs.onOff("f", "on")))
        .build()) {
      MockHttpServletRequest request = new MockHttpServletRequest();
      RequestFlags r = new RequestFlags(flags, factory(Map.of()), request);

      assertThat(r.isEnabled("f")).isTrue();
      flags.load(
          dev.flags.testsupport.Docs.doc("v2", dev.flags.testsupport.Docs.onOff("f", "off")));

      assertThat(r.isEnabled("f")).isTrue();
      assertThat(r.evaluate("f").variant()).isEqualTo("on");
      assertThat(r.getString("f", "d")).isEqualTo("d");
      assertThat(r.version()).isEqualTo("v1");
      assertThat(r.context()).isSameAs(r.context());
      assertThat(r.toString()).isEqualTo("RequestFlags{v1}");
    }
  }
}
