package org.homeward.intake.photo;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.homeward.platform.sourcing.Sql;

/** Photos in the service's own PostgreSQL (table photo_blob), in the command's transaction. */
@ApplicationScoped
public class DatabasePhotoStore implements PhotoStore {

    @Override
    public boolean put(Connection tx, Photo photo) throws SQLException {
        return Sql.update(
                        tx,
                        "INSERT INTO photo_blob (sha256, content_type, size_bytes, bytes) VALUES (?, ?, ?, ?) "
                                + "ON CONFLICT (sha256) DO NOTHING",
                        photo.sha256(),
                        photo.contentType(),
                        photo.size(),
                        photo.bytes())
                == 1;
    }

    @Override
    public Optional<Photo> get(Connection tx, String sha256) throws SQLException {
        return Sql.one(
                tx,
                "SELECT sha256, content_type, bytes FROM photo_blob WHERE sha256 = ?",
                rs -> new Photo(rs.getString(1), rs.getString(2), rs.getBytes(3)),
                sha256);
    }
}
