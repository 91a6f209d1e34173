package dev.flags.cli;

/**
 * A usage or input error: printed as one line on stderr, exit code {@link FlagsCli#USAGE}. Carries
 * no stack trace, since it is never shown.
 */
final class CliException extends RuntimeException {
  /** The serialized form's version. */
  private static final long serialVersionUID = 1L;

  CliException(String message) {
    super(message, null, false, false);
  }
}
