import org.jspecify.annotations.NullMarked;

/**
 * flags-spring-boot-starter: Spring Boot auto-configuration for a flags client, with Actuator
 * health and operator endpoint, Micrometer metrics and per-request contexts.
 *
 * <p>Spring Boot runs applications on the class path; this descriptor keeps the module's API to
 * {@code dev.flags.spring} and opens it to Spring, which creates the auto-configuration classes
 * and binds the properties by reflection.
 */
@NullMarked
module dev.flags.spring {
  requires transitive dev.flags;
  requires dev.flags.http;
  // Present with the starter, but its Micrometer dependency is the application's.
  requires static transitive dev.flags.micrometer;
  requires org.slf4j;

  // The application brings Spring; Actuator, health, Micrometer and the servlet web stack are
  // optional.
  requires static transitive spring.boot;
  requires static transitive spring.boot.autoconfigure;
  requires static transitive spring.context;
  requires static transitive spring.beans;
  requires static transitive spring.core;
  requires static transitive spring.web;
  requires static transitive spring.webmvc;
  requires static transitive spring.boot.actuator;
  requires static transitive spring.boot.actuator.autoconfigure;
  requires static transitive spring.boot.health;
  requires static transitive jakarta.servlet;
  requires static transitive org.jspecify;

  exports dev.flags.spring;

  opens dev.flags.spring to
      spring.core,
      spring.beans,
      spring.context;
  opens dev.flags.spring.internal to
      spring.core,
      spring.beans;
}
