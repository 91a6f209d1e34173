/**
 * Test helpers shared by every module's tests through flags-core's test jar: {@link
 * dev.flags.testsupport.Await} (poll with a deadline) and {@link dev.flags.testsupport.Docs} (flag
 * documents). A package of its own, so that modules compiled on the module path can read it.
 */
package dev.flags.testsupport;
