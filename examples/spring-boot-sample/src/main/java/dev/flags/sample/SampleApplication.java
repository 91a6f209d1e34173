package dev.flags.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A checkout service whose features are flags: configured by application.yml alone. */
@SpringBootApplication
public class SampleApplication {
  /**
   * Starts the application.
   *
   * @param args command-line arguments, e.g. {@code --server.port=8081}
   */
  public static void main(String[] args) {
    SpringApplication.run(SampleApplication.class, args);
  }
}
