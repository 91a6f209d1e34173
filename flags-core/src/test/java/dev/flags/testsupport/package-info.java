/**
 * Test helpers shared by every module's tests through flags-core's test jar: {@link
 * dev.flags.testsupport.Await} (poll with a deadline), {@link dev.flags.testsupport.Docs} (flag
 * documents) and {@link dev.flags.testsupport.Snippets} (code that docs quote verbatim). A package
 * of its own, so that modules compiled on the module path can read it.
 */
package dev.flags.testsupport;
