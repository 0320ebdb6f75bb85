package dev.foldout;

/** How the files of a database were copied when a snapshot or branch was made. */
public enum CopyMethod {
    /** Copy-on-write clone of each file (reflink): no data is copied, time does not grow with size. */
    CLONE,
    /** {@code CREATE DATABASE ... STRATEGY FILE_COPY} with an ordinary file copy: time grows with size. */
    FILE_COPY,
    /** {@code CREATE DATABASE ... STRATEGY WAL_LOG}: every block is read and written to the WAL. */
    WAL_LOG
}
