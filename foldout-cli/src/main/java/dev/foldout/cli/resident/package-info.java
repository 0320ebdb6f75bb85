/**
 * The resident JVM: a CLI process that stays running after a command, so that the next {@code bin/foldout} need not
 * start a JVM, load classes and compile code again. {@code bin/foldout} finds it through a card file in Foldout's home
 * ({@code cli/resident-<host>-<jar>-<java>}, mode 0600: its port and a secret), sends it the command line, working directory
 * and environment over 127.0.0.1, and prints what it sends back; when there is none, or it declines, the command runs
 * in a JVM of its own as before. It serves the user who started it (the card is readable by them alone) and one
 * command at a time, and stops after {@link Resident#IDLE} unused, when its jar is rebuilt, or when its card is gone.
 * The CLI's own package; no compatibility promise.
 */
package dev.foldout.cli.resident;
