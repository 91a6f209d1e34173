package dev.flags.spring;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code flags.*} application properties: the client's sources in layer order, its limits,
 * history and start-up wait, and the settings of the health indicator, the operator endpoint,
 * the metrics and the per-request context.
 *
 * <pre>{@code
 * flags:
 *   sources:
 *     - classpath: flags/defaults.json
 *     - url: https://flags.example.com/checkout.json
 *       poll-interval: 20s
 *       headers:
 *         Authorization: "Bearer ${FLAGS_TOKEN}"
 *       cache-file: /var/cache/checkout/flags.json
 * }</pre>
 *
 * <p>Values are checked when the client is built; an invalid one fails start-up with a message
 * that names the property.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("flags")
public class FlagsProperties {
  /** Whether to create the client and the rest of the flags auto-configuration. */
  private boolean enabled = true;

  /**
   * The client's name in thread names, status and audit lines. Defaults to
   * spring.application.name, else flags-N.
   */
  private @Nullable String name;

  /**
   * The client's sources, in layer order: each later source overrides the earlier ones flag by
   * flag. Each entry sets exactly one of classpath, file or url.
   */
  private List<Source> sources = new ArrayList<>();

  /** How many accepted snapshots to keep for rollback. */
  private int historySize = 10; // Flags.DEFAULT_HISTORY_SIZE, as a literal for the metadata

  /** Limits applied to every document the client reads. */
  private final Limits limits = new Limits();

  /** The bounded wait for the first document at start-up. */
  private final Startup startup = new Startup();

  /** The health indicator. */
  private final Health health = new Health();

  /** The operator endpoint (/actuator/flags). */
  private final Endpoint endpoint = new Endpoint();

  /** Micrometer metrics. */
  private final Metrics metrics = new Metrics();

  /** The per-request context and pinned snapshot (RequestFlags). */
  private final RequestContext requestContext = new RequestContext();

  /** Properties with their defaults (bound by Spring Boot). */
  public FlagsProperties() {}

  /**
   * Returns whether the flags auto-configuration is on.
   *
   * @return whether the flags auto-configuration is on
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Sets whether the flags auto-configuration is on.
   *
   * @param enabled whether the flags auto-configuration is on
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * Returns the client's name, or null for the default.
   *
   * @return the client's name, or null for the default
   */
  public @Nullable String getName() {
    return name;
  }

  /**
   * Sets the client's name.
   *
   * @param name the client's name
   */
  public void setName(@Nullable String name) {
    this.name = name;
  }

  /**
   * Returns the sources, in layer order.
   *
   * @return the sources, in layer order
   */
  public List<Source> getSources() {
    return sources;
  }

  /**
   * Sets the sources, in layer order.
   *
   * @param sources the sources
   */
  public void setSources(List<Source> sources) {
    this.sources = sources;
  }

  /**
   * Returns how many accepted snapshots are kept for rollback.
   *
   * @return how many accepted snapshots are kept for rollback
   */
  public int getHistorySize() {
    return historySize;
  }

  /**
   * Sets how many accepted snapshots are kept for rollback.
   *
   * @param historySize at least 1
   */
  public void setHistorySize(int historySize) {
    this.historySize = historySize;
  }

  /**
   * Returns the document limits.
   *
   * @return the document limits
   */
  public Limits getLimits() {
    return limits;
  }

  /**
   * Returns the start-up settings.
   *
   * @return the start-up settings
   */
  public Startup getStartup() {
    return startup;
  }

  /**
   * Returns the health indicator's settings.
   *
   * @return the health indicator's settings
   */
  public Health getHealth() {
    return health;
  }

  /**
   * Returns the operator endpoint's settings.
   *
   * @return the operator endpoint's settings
   */
  public Endpoint getEndpoint() {
    return endpoint;
  }

  /**
   * Returns the metrics settings.
   *
   * @return the metrics settings
   */
  public Metrics getMetrics() {
    return metrics;
  }

  /**
   * Returns the per-request context settings.
   *
   * @return the per-request context settings
   */
  public RequestContext getRequestContext() {
    return requestContext;
  }

  /**
   * One source (one layer): a class path resource, a watched file or an HTTP URL.
   *
   * @since 0.1.0
   */
  public static class Source {
    /** A class path resource, e.g. flags/defaults.json, read once at start. */
    private @Nullable String classpath;

    /** A flag document file, watched for changes. */
    private @Nullable Path file;

    /** An http or https URL polled for the flag document (conditional GETs). */
    private @Nullable URI url;

    /**
     * How often to check the file (default 1s, at least 10ms) or poll the URL (default 20s, at
     * least 1s).
     */
    private @Nullable Duration pollInterval;

    /** For a file: a missing file means "no flags from this layer" instead of an error. */
    private boolean optional;

    /**
     * For a URL: the largest random delay added to each poll interval (default a tenth of the
     * interval, at most the interval).
     */
    private @Nullable Duration jitter;

    /**
     * For a URL: request headers, e.g. Authorization. Values are never logged nor shown
     * by the health indicator or the endpoint.
     */
    private Map<String, String> headers = new LinkedHashMap<>();

    /**
     * For a URL: names of headers that are credentials besides Authorization and * Cookie; they are not sent when a redirect leads to another origin.
     */
    private List<String> sensitiveHeaders = new ArrayList<>();

    /** For a URL: the last accepted document is kept in this file and served at start. */
    private @Nullable Path cacheFile;

    /** For a URL: the connect timeout (default 5s). */
    private @Nullable Duration connectTimeout;

    /** For a URL: the timeout for a whole request, body included (default 10s). */
    private @Nullable Duration requestTimeout;

    /** For a URL: the largest body accepted, compressed or not (default 32MB). */
    private @Nullable DataSize maxBodySize;

    /** For a URL: accept any Content-Type (for stores that serve JSON as octet-stream). */
    private boolean acceptAnyContentType;

    /** Properties with their defaults (bound by Spring Boot). */
    public Source() {}

    /**
     * Returns the class path resource, or null.
     *
     * @return the class path resource, or null
     */
    public @Nullable String getClasspath() {
      return classpath;
    }

    /**
     * Sets the class path resource.
     *
     * @param classpath the resource name
     */
    public void setClasspath(@Nullable String classpath) {
      this.classpath = classpath;
    }

    /**
     * Returns the watched file, or null.
     *
     * @return the watched file, or null
     */
    public @Nullable Path getFile() {
      return file;
    }

    /**
     * Sets the watched file.
     *
     * @param file the file
     */
    public void setFile(@Nullable Path file) {
      this.file = file;
    }

    /**
     * Returns the polled URL, or null.
     *
     * @return the polled URL, or null
     */
    public @Nullable URI getUrl() {
      return url;
    }

    /**
     * Sets the polled URL.
     *
     * @param url the URL
     */
    public void setUrl(@Nullable URI url) {
      this.url = url;
    }

    /**
     * Returns the poll interval, or null for the source's default.
     *
     * @return the poll interval, or null for the source's default
     */
    public @Nullable Duration getPollInterval() {
      return pollInterval;
    }

    /**
     * Sets the poll interval.
     *
     * @param pollInterval the poll interval
     */
    public void setPollInterval(@Nullable Duration pollInterval) {
      this.pollInterval = pollInterval;
    }

    /**
     * Returns whether a missing file is allowed.
     *
     * @return whether a missing file is allowed
     */
    public boolean isOptional() {
      return optional;
    }

    /**
     * Sets whether a missing file is allowed.
     *
     * @param optional whether a missing file is allowed
     */
    public void setOptional(boolean optional) {
      this.optional = optional;
    }

    /**
     * Returns the poll jitter, or null for the default.
     *
     * @return the poll jitter, or null for the default
     */
    public @Nullable Duration getJitter() {
      return jitter;
    }

    /**
     * Sets the poll jitter.
     *
     * @param jitter the jitter
     */
    public void setJitter(@Nullable Duration jitter) {
      this.jitter = jitter;
    }

    /**
     * Returns the request headers.
     *
     * @return the request headers
     */
    public Map<String, String> getHeaders() {
      return headers;
    }

    /**
     * Sets the request headers.
     *
     * @param headers the headers
     */
    public void setHeaders(Map<String, String> headers) {
      this.headers = headers;
    }

    /**
     * Returns the names of the headers that are credentials.
     *
     * @return the names of the headers that are credentials
     */
    public List<String> getSensitiveHeaders() {
      return sensitiveHeaders;
    }

    /**
     * Sets the names of the headers that are credentials.
     *
     * @param sensitiveHeaders header names
     */
    public void setSensitiveHeaders(List<String> sensitiveHeaders) {
      this.sensitiveHeaders = sensitiveHeaders;
    }

    /**
     * Returns the cache file, or null.
     *
     * @return the cache file, or null
     */
    public @Nullable Path getCacheFile() {
      return cacheFile;
    }

    /**
     * Sets the cache file.
     *
     * @param cacheFile the cache file
     */
    public void setCacheFile(@Nullable Path cacheFile) {
      this.cacheFile = cacheFile;
    }

    /**
     * Returns the connect timeout, or null for the default.
     *
     * @return the connect timeout, or null for the default
     */
    public @Nullable Duration getConnectTimeout() {
      return connectTimeout;
    }

    /**
     * Sets the connect timeout.
     *
     * @param connectTimeout the connect timeout
     */
    public void setConnectTimeout(@Nullable Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    /**
     * Returns the request timeout, or null for the default.
     *
     * @return the request timeout, or null for the default
     */
    public @Nullable Duration getRequestTimeout() {
      return requestTimeout;
    }

    /**
     * Sets the request timeout.
     *
     * @param requestTimeout the request timeout
     */
    public void setRequestTimeout(@Nullable Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
    }

    /**
     * Returns the largest accepted body, or null for the default.
     *
     * @return the largest accepted body, or null for the default
     */
    public @Nullable DataSize getMaxBodySize() {
      return maxBodySize;
    }

    /**
     * Sets the largest accepted body.
     *
     * @param maxBodySize the size
     */
    public void setMaxBodySize(@Nullable DataSize maxBodySize) {
      this.maxBodySize = maxBodySize;
    }

    /**
     * Returns whether any Content-Type is accepted.
     *
     * @return whether any Content-Type is accepted
     */
    public boolean isAcceptAnyContentType() {
      return acceptAnyContentType;
    }

    /**
     * Sets whether any Content-Type is accepted.
     *
     * @param acceptAnyContentType whether any Content-Type is accepted
     */
    public void setAcceptAnyContentType(boolean acceptAnyContentType) {
      this.acceptAnyContentType = acceptAnyContentType;
    }
  }

  /**
   * Document limits; an unset limit keeps the library's default (see {@code DocumentLimits}).
   *
   * @since 0.1.0
   */
  public static class Limits {
    /** The largest accepted document, in bytes. */
    private @Nullable Integer maxDocumentBytes;

    /** The deepest accepted nesting of JSON arrays and objects (8 to 1000). */
    private @Nullable Integer maxNestingDepth;

    /** The longest accepted JSON string, in characters. */
    private @Nullable Integer maxStringLength;

    /** The longest accepted object key, in characters. */
    private @Nullable Integer maxKeyLength;

    /** The longest accepted JSON number, in digits. */
    private @Nullable Integer maxNumberLength;

    /** The most flags a document may hold. */
    private @Nullable Integer maxFlags;

    /** The most segments a document may hold. */
    private @Nullable Integer maxSegments;

    /** The most rules one flag may hold. */
    private @Nullable Integer maxRulesPerFlag;

    /** The most keys one target list, segment list or condition value list may hold. */
    private @Nullable Integer maxKeysPerList;

    /** The longest accepted chain of prerequisites. */
    private @Nullable Integer maxPrerequisiteDepth;

    /** The largest accepted product of nested counted repetitions in a regular expression. */
    private @Nullable Integer maxRegexRepetition;

    /** The largest accepted program of a regular expression, in instructions. */
    private @Nullable Integer maxRegexProgramSize;

    /** Properties with their defaults (bound by Spring Boot). */
    public Limits() {}

    /**
     * Returns the limit, or null for the default.
     *
     * @return the limit, or null for the default
     */
    public @Nullable Integer getMaxDocumentBytes() {
      return maxDocumentBytes;
    }

    /**
     * Sets the limit.
     *
     * @param value the limit
     */
    public void setMaxDocumentBytes(@Nullable Integer value) {
      this.maxDocumentBytes = value;
    }

    /**
     * Returns the limit, or null for the default.
     *
     * @return the limit, or null for the default
     */
    public @Nullable Integer getMaxNestingDepth() {
      return maxNestingDepth;
    }

    /**
     * Sets the limit.
     *
     * @param value the limit
     */
    public void setMaxNestingDepth(@Nullable Integer value) {
      this.maxNestingDepth = value;
    }

    /**
     * Returns the limit, or null for the default.
     *
     * @return the limit, or null for the default
     */
    public @Nullable Integer getMaxStringLength() {
      return maxStringLength;
    }

    /**
     * Sets the limit.
     *
     * @param value the limit
     */
    public void setMaxStringLength(@Nullable Integer value) {
      this.maxStringLength = value;
    }

    /**
     * Returns the limit, or null for the default.
     *
     * @return the limit, or null for the default
     */
    public @Nullable Integer getMaxKeyLength() {
      return maxKeyLength;
    }

    /**
     * Sets the limit.
     *
     * @param value the limit
     */
    public void setMaxKeyLength(@Nullable Integer value) {
      this.maxKeyLength = value;
    }

    /**
     * Returns the limit, or null for the default.
     *
     * @return the limit, or null for the default
     */
    public @Nullable Integer getMaxNumberLength() {
      return maxNumberLength;
    }

    /**
     * Sets the limit.
     *
     * @param value the limit
     */
    public void setMaxNumberLength(@Nullable Integer value) {
      this.maxNumberLength = value;
    }

    /**
     * Returns the limit, or null for the default.
     *
     * @return the limit, or null for the default
     */
    public @Nullable Integer getMaxFlags() {
      return maxFlags;
    }

    /**
     * Sets the limit.
     *
     * @param value the limit
     */
    public void setMaxFlags(@Nullable Integer value) {
      this.maxFlags = value;
    }

    /**
     * Returns the limit, or null for the default.
     *
     * @return the limit, or null for the default
     */
    public @Nullable Integer getMaxSegments() {
      return maxSegments;
    }

    /**
     * Sets the limit.
     *
     * @param value the limit
     */
    public void setMaxSegments(@Nullable Integer value) {
      this.maxSegments = value;
    }

    /**
     * Returns the limit, or null for the default.
     *
     * @return the limit, or null for the default
     */
    public @Nullable Integer getMaxRulesPerFlag() {
      return maxRulesPerFlag;
    }

    /**
     * Sets the limit.
     *
     * @param value the limit
     */
    public void setMaxRulesPerFlag(@Nullable Integer value) {
      this.maxRulesPerFlag = value;
    }

    /**
     * Returns the limit, or null for the default.
     *
     * @return the limit, or null for the default
     */
    public @Nullable Integer getMaxKeysPerList() {
      return maxKeysPerList;
    }

    /**
     * Sets the limit.
     *
     * @param value the limit
     */
    public void setMaxKeysPerList(@Nullable Integer value) {
      this.maxKeysPerList = value;
    }

    /**
     * Returns the limit, or null for the default.
     *
     * @return the limit, or null for the default
     */
    public @Nullable Integer getMaxPrerequisiteDepth() {
      return maxPrerequisiteDepth;
    }

    /**
     * Sets the limit.
     *
     * @param value the limit
     */
    public void setMaxPrerequisiteDepth(@Nullable Integer value) {
      this.maxPrerequisiteDepth = value;
    }

    /**
     * Returns the limit, or null for the default.
     *
     * @return the limit, or null for the default
     */
    public @Nullable Integer getMaxRegexRepetition() {
      return maxRegexRepetition;
    }

    /**
     * Sets the limit.
     *
     * @param value the limit
     */
    public void setMaxRegexRepetition(@Nullable Integer value) {
      this.maxRegexRepetition = value;
    }

    /**
     * Returns the limit, or null for the default.
     *
     * @return the limit, or null for the default
     */
    public @Nullable Integer getMaxRegexProgramSize() {
      return maxRegexProgramSize;
    }

    /**
     * Sets the limit.
     *
     * @param value the limit
     */
    public void setMaxRegexProgramSize(@Nullable Integer value) {
      this.maxRegexProgramSize = value;
    }
  }

  /**
   * The wait for the first document while the application starts.
   *
   * @since 0.1.0
   */
  public static class Startup {
    /**
     * How long start-up waits at most for the first document (0 to not wait). Sources that read
     * at once (class path, file, an HTTP cache file) end the wait immediately.
     */
    private Duration awaitReady = Duration.ofSeconds(5);

    /**
     * What start-up waits for: the first document from any source (a class path default ends
     * the wait at once), or every source's document (e.g. the remote one, not only the
     * bundled defaults).
     */
    private AwaitFor awaitFor = AwaitFor.FIRST_DOCUMENT;

    /**
     * Whether start-up fails when the wait ends before what await-for names; when false, the
     * application starts with what it has (with no document, evaluations return the callers'
     * defaults until one arrives).
     */
    private boolean failIfNotReady;

    /** Properties with their defaults (bound by Spring Boot). */
    public Startup() {}

    /**
     * Returns the longest wait for the first document.
     *
     * @return the longest wait for the first document
     */
    public Duration getAwaitReady() {
      return awaitReady;
    }

    /**
     * Sets the longest wait for the first document.
     *
     * @param awaitReady zero or more
     */
    public void setAwaitReady(Duration awaitReady) {
      this.awaitReady = awaitReady;
    }

    /**
     * Returns what start-up waits for.
     *
     * @return what start-up waits for
     */
    public AwaitFor getAwaitFor() {
      return awaitFor;
    }

    /**
     * Sets what start-up waits for.
     *
     * @param awaitFor what start-up waits for
     */
    public void setAwaitFor(AwaitFor awaitFor) {
      this.awaitFor = awaitFor;
    }

    /**
     * Returns whether start-up fails without a document.
     *
     * @return whether start-up fails without a document
     */
    public boolean isFailIfNotReady() {
      return failIfNotReady;
    }

    /**
     * Sets whether start-up fails without a document.
     *
     * @param failIfNotReady whether start-up fails without a document
     */
    public void setFailIfNotReady(boolean failIfNotReady) {
      this.failIfNotReady = failIfNotReady;
    }
  }

  /**
   * What start-up waits for.
   *
   * @since 0.1.0
   */
  public enum AwaitFor {
    /** The first document from any source ({@code Flags.awaitReady}). */
    FIRST_DOCUMENT,
    /** A document from every source ({@code Flags.awaitAllSources}). */
    ALL_SOURCES
  }

  /**
   * The health indicator ({@code flags} in {@code /actuator/health}).
   *
   * @since 0.1.0
   */
  public static class Health {
    /**
     * The health status reported while the client is STALE (serving, but a source is failing or
     * served a fallback): UP by default, or e.g. DOWN or OUT_OF_SERVICE.
     */
    private String staleStatus = "UP";

    /** Properties with their defaults (bound by Spring Boot). */
    public Health() {}

    /**
     * Returns the status reported while STALE.
     *
     * @return the status reported while STALE
     */
    public String getStaleStatus() {
      return staleStatus;
    }

    /**
     * Sets the status reported while STALE.
     *
     * @param staleStatus a health status code
     */
    public void setStaleStatus(String staleStatus) {
      this.staleStatus = staleStatus;
    }
  }

  /**
   * The operator endpoint.
   *
   * @since 0.1.0
   */
  public static class Endpoint {
    /**
     * Whether the endpoint's write operations (kill, restore, override, rollback, unpin) run;
     * when false they answer 403 and change nothing. Secure them before turning them on.
     */
    private boolean writesEnabled;

    /** Properties with their defaults (bound by Spring Boot). */
    public Endpoint() {}

    /**
     * Returns whether write operations run.
     *
     * @return whether write operations run
     */
    public boolean isWritesEnabled() {
      return writesEnabled;
    }

    /**
     * Sets whether write operations run.
     *
     * @param writesEnabled whether write operations run
     */
    public void setWritesEnabled(boolean writesEnabled) {
      this.writesEnabled = writesEnabled;
    }
  }

  /**
   * Micrometer metrics.
   *
   * @since 0.1.0
   */
  public static class Metrics {
    /** Whether to bind the client's meters when Micrometer is on the class path. */
    private boolean enabled = true;

    /**
     * Whether the client counts evaluations by flag, variant and reason (* feature_flag.evaluations); one counter increment per evaluation.
     */
    private boolean evaluations = true;

    /** Properties with their defaults (bound by Spring Boot). */
    public Metrics() {}

    /**
     * Returns whether the meters are bound.
     *
     * @return whether the meters are bound
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether the meters are bound.
     *
     * @param enabled whether the meters are bound
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * Returns whether evaluations are counted.
     *
     * @return whether evaluations are counted
     */
    public boolean isEvaluations() {
      return evaluations;
    }

    /**
     * Sets whether evaluations are counted.
     *
     * @param evaluations whether evaluations are counted
     */
    public void setEvaluations(boolean evaluations) {
      this.evaluations = evaluations;
    }
  }

  /**
   * How a servlet request becomes a {@link dev.flags.Context}.
   *
   * @since 0.1.0
   */
  public static class RequestContext {
    /** Whether to give each servlet request its context and pinned snapshot. */
    private boolean enabled = true;

    /**
     * A header whose value is the context key when the request has no authenticated principal
     * (e.g. a device id set by a gateway). Unset: no such header.
     */
    private @Nullable String keyHeader;

    /** The context key when there is neither a principal nor a key header value. */
    private String anonymousKey = "";

    /** Context attributes taken from request headers: attribute name to header name. */
    private Map<String, String> headers = new LinkedHashMap<>();

    /**
     * Context attributes taken from servlet request attributes: attribute name to request
     * attribute name. Strings, numbers, booleans and collections of strings are taken.
     */
    private Map<String, String> attributes = new LinkedHashMap<>();

    /** Properties with their defaults (bound by Spring Boot). */
    public RequestContext() {}

    /**
     * Returns whether requests get a context.
     *
     * @return whether requests get a context
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether requests get a context.
     *
     * @param enabled whether requests get a context
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * Returns the key header, or null.
     *
     * @return the key header, or null
     */
    public @Nullable String getKeyHeader() {
      return keyHeader;
    }

    /**
     * Sets the key header.
     *
     * @param keyHeader a header name
     */
    public void setKeyHeader(@Nullable String keyHeader) {
      this.keyHeader = keyHeader;
    }

    /**
     * Returns the anonymous key.
     *
     * @return the anonymous key
     */
    public String getAnonymousKey() {
      return anonymousKey;
    }

    /**
     * Sets the anonymous key.
     *
     * @param anonymousKey the key; empty for an anonymous context
     */
    public void setAnonymousKey(String anonymousKey) {
      this.anonymousKey = anonymousKey;
    }

    /**
     * Returns the attributes taken from headers.
     *
     * @return attribute name to header name
     */
    public Map<String, String> getHeaders() {
      return headers;
    }

    /**
     * Sets the attributes taken from headers.
     *
     * @param headers attribute name to header name
     */
    public void setHeaders(Map<String, String> headers) {
      this.headers = headers;
    }

    /**
     * Returns the attributes taken from request attributes.
     *
     * @return attribute name to request attribute name
     */
    public Map<String, String> getAttributes() {
      return attributes;
    }

    /**
     * Sets the attributes taken from request attributes.
     *
     * @param attributes attribute name to request attribute name
     */
    public void setAttributes(Map<String, String> attributes) {
      this.attributes = attributes;
    }
  }
}
