/** One class per {@code foldout} sub-command. */
package dev.foldout.cli.commands;
