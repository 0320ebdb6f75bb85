/**
 * Change locators: which heap blocks of a table may hold rows changed since a branch was made — by scanning
 * page headers (same host), by WAL summaries and pg_walinspect (PostgreSQL 17+), or none (a full compare).
 */
package dev.foldout.internal.diff.locate;
