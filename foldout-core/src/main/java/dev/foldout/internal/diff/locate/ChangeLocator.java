package dev.foldout.internal.diff.locate;

import java.sql.SQLException;

/** Finds the heap blocks written since a branch, or says why it cannot here. */
public interface ChangeLocator {

    /** Its name, as the diff reports it. */
    String name();

    /** Empty when it can serve this request; else why not. */
    String unavailable(LocateRequest request) throws SQLException;

    /** The changed blocks of every leaf of the request. */
    Located locate(LocateRequest request) throws SQLException;
}
