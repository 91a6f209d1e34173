/**
 * Test helpers shared by every module's tests through flags-core's test jar: {@link
 * dev.flags.testsupport.Await} (poll with a deadline), {@link dev.flags.testsupport.Docs} (flag
 * documents), {@link dev.flags.testsupport.Snippets} (code that docs quote verbatim) and {@link
 * dev.flags.testsupport.Allocations} (bytes a thread allocates). A package
 * of its own, so that modules compiled on the module path can read it.
 */
package dev.flags.testsupport;
