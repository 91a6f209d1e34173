package dev.flags.spring;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@link TestApplication} on a real embedded server (random port, loopback), with writes enabled
 * and the request context mapped: one application context, shared by the test classes that use
 * it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    classes = TestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.application.name=web-app-test",
      "flags.sources[0].classpath=flags/test-defaults.json",
      "flags.endpoint.writes-enabled=true",
      "management.endpoints.web.exposure.include=health,flags,prometheus,metrics",
      "management.endpoint.health.show-details=always",
      "flags.request-context.key-header=X-Device-Id",
      "flags.request-context.headers.country=X-Country",
      "flags.request-context.attributes.tenant=tenantId",
      "flags.request-context.attributes.seats=seats"
    })
@interface WebAppTest {}
