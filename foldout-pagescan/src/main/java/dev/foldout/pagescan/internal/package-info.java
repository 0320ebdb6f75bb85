/**
 * The implementation of the page scan: the readers (FileChannel, MappedByteBuffer and, in
 * {@code META-INF/versions/22}, the Panama FFM reader), page parsing and the scan loop. Not an API: these
 * types carry no compatibility promise and may change in any release.
 */
package dev.foldout.pagescan.internal;
