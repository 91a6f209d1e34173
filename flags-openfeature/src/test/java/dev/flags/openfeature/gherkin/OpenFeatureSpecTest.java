package dev.flags.openfeature.gherkin;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.ExcludeTags;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectClasspathResource;
import org.junit.platform.suite.api.Suite;

/**
 * The OpenFeature specification's own Gherkin scenarios ({@code
 * src/test/resources/openfeature-spec/}, copied unchanged from open-feature/spec, Apache-2.0; see
 * its SOURCE.txt), run by Cucumber through the real {@code OpenFeatureAPI} against a {@code
 * FlagsProvider} (steps in {@link SpecSteps}).
 *
 * <p>Run: {@code evaluation_v2.feature} (the suite the Java SDK runs) and {@code hooks.feature}.
 * Every scenario runs and must pass except these, excluded by tag or skipped by a step:
 *
 * <ul>
 *   <li>{@code @provider-status-fatal} ("Provider in fatal state error", 5 examples) and the
 *       {@code fatal} example of "Provider status accessibility" (skipped by the step {@code a
 *       fatal provider}): they need a provider in the FATAL state, which FlagsProvider never
 *       enters (a client keeps serving its last document whatever its sources do).
 *   <li>{@code @reason-codes-cached} ("CACHED reason", 2 examples): FlagsProvider caches no
 *       result, every evaluation reads the current snapshot, so CACHED would be false. The Java
 *       SDK leaves this tag out of its own run as well.
 *   <li>{@code @immutability} ("Evaluation context immutability"): it expects the evaluation
 *       details to be immutable, but the SDK's {@code FlagEvaluationDetails} has public setters;
 *       no provider can change that (the Java SDK leaves this tag out of its own run as well).
 *       That the provider never changes the context is tested in {@code ContextMapperTest}.
 * </ul>
 *
 * <p>Not run: {@code evaluation.feature} (tagged {@code @deprecated}, superseded by
 * evaluation_v2, and its "context-aware" flag is not among the test flags), {@code
 * metadata.feature} (its two scenarios are "Flag metadata in evaluation details", which runs in
 * evaluation_v2, and "Returns no metadata", which expects empty metadata where this provider always
 * reports the document version) and
 * {@code contextMerging.feature} (it tests the SDK's merging of context levels with a provider
 * that records the context it receives; FlagsProvider records nothing).
 */
@Suite
@IncludeEngines("cucumber")
@SelectClasspathResource("openfeature-spec/gherkin/evaluation_v2.feature")
@SelectClasspathResource("openfeature-spec/gherkin/hooks.feature")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "dev.flags.openfeature.gherkin")
@ConfigurationParameter(key = PLUGIN_PROPERTY_NAME, value = "summary")
@ExcludeTags({"provider-status-fatal", "reason-codes-cached", "immutability"})
final class OpenFeatureSpecTest {}
