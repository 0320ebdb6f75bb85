/**
 * The operations that change the server: snapshot, branch, restore, drop, and the repair of operations a
 * dead process left half-done. No compatibility promise.
 */
package dev.foldout.internal.ops;
