/** Runnable examples of the API. */
package dev.foldout.examples;
