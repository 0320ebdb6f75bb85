/**
 * The Java 22+ part of the implementation: the Panama FFM reader. No compatibility promise.
 */
package dev.foldout.pagescan.internal;
