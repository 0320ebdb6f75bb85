package dev.foldout;

/** How the row diff finds the rows that may have changed since a branch was made. */
public enum Locator {
    /** The best available: WAL summaries, else the page scan, else a full compare. */
    AUTO,
    /** Page headers of the relation files ({@code pd_lsn}), after a CHECKPOINT; same host only. */
    PAGESCAN,
    /** WAL summaries ({@code summarize_wal}, PostgreSQL 17+), completed with pg_walinspect or a CHECKPOINT. */
    WAL_SUMMARIES,
    /** Both sides of every table streamed in key order and merged. */
    FULL_COMPARE
}
