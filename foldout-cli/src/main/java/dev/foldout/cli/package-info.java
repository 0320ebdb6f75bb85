/** The {@code foldout} command line. */
package dev.foldout.cli;
