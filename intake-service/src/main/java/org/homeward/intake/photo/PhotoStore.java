package org.homeward.intake.photo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Where photo bytes live, addressed by their SHA-256 (ADR 14). The command's transaction is passed in:
 * the database store writes in it, so a refused command stores nothing; an S3-compatible store would
 * upload under the hash instead (a refused command then leaves an unreferenced object, harmless because
 * content-addressed, and removable by a sweep of hashes no PhotoAdded names).
 */
public interface PhotoStore {

    /** Stores the photo; storing content already there changes nothing. Returns whether it was new. */
    boolean put(Connection tx, Photo photo) throws SQLException;

    Optional<Photo> get(Connection tx, String sha256) throws SQLException;
}
