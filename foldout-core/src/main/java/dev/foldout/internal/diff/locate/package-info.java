/**
 * Change locators: which heap blocks of a table may hold rows changed since a branch was made — by scanning
 * page headers (same host: of one cluster, or of an instance branch's cluster and its parent's, see
 * {@code InstancePageScan}), by WAL summaries and pg_walinspect (PostgreSQL 17+), or none (a full compare).
 */
package dev.foldout.internal.diff.locate;
