/**
 * The template backend: {@code CREATE DATABASE ... TEMPLATE ... STRATEGY FILE_COPY}, cloned by reflink where
 * PostgreSQL 18's {@code file_copy_method = clone} and the file system allow. No compatibility promise.
 */
package dev.foldout.internal.backend.template;
