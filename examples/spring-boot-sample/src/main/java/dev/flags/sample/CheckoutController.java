package dev.flags.sample;

import dev.flags.spring.RequestFlags;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Answers from the flags of each request: one context, one pinned snapshot. */
@RestController
class CheckoutController {
  // snippet: controller
  @GetMapping("/checkout")
  Map<String, Object> checkout(RequestFlags flags) {
    boolean newCheckout = flags.isEnabled("new-checkout");
    return Map.of(
        "checkout", newCheckout ? "new" : "classic",
        "banner", flags.getString("banner", "Welcome"),
        "flagsVersion", flags.version());
  }
  // end snippet
}
