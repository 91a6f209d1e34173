package dev.flags.spring;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects the lines written to the audit logger while open. */
final class AuditLines implements AutoCloseable {
  private final Logger logger = (Logger) LoggerFactory.getLogger("dev.flags.audit");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  AuditLines() {
    appender.start();
    logger.addAppender(appender);
  }

  List<String> lines() {
    return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
  }
}
