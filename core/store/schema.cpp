// Schema checks and numbered migrations (store/migrations/NNN_name.sql, embedded at build time).
#include "store/schema.h"

#include "store/migrations.h"
#include "store/store.h"

namespace shoal::store {

int latestSchemaVersion() {
    const auto& all = embeddedMigrations();
    return all.empty() ? 0 : all.back().version;
}

Result<void> migrateTo(Database& db, int version) {
    const std::int64_t current = db.pragmaInt("user_version");
    for (const Migration& m : embeddedMigrations()) {
        if (m.version <= current || m.version > version) continue;
        const std::string sql = std::string("BEGIN IMMEDIATE;\n") + m.sql + "\nPRAGMA user_version = " +
                                std::to_string(m.version) + ";\nPRAGMA application_id = " +
                                std::to_string(kApplicationId) + ";\nCOMMIT;";
        if (!db.exec(sql)) {
            const std::string error = db.lastError();
            db.exec("ROLLBACK");
            return makeError(ErrorCode::Io, std::string("migration ") + m.name + " failed: " + error);
        }
    }
    return {};
}

Result<void> prepareSchema(Database& db, const std::string& path) {
    std::int64_t objects = 0;
    {
        // Scoped: an unfinished statement holds a read transaction, and WAL cannot be set inside one.
        Statement probe(db.handle(), "SELECT count(*) FROM sqlite_master");
        if (!probe.valid() || !probe.step())
            return makeError(ErrorCode::BadInput, "not a Shoal library (not an SQLite database): " + path);
        objects = probe.integer(0);
    }
    const std::int64_t appId = db.pragmaInt("application_id");
    const std::int64_t version = db.pragmaInt("user_version");
    if (appId != kApplicationId && (objects > 0 || version != 0))
        return makeError(ErrorCode::BadInput, "not a Shoal library (another program's database): " + path);
    if (version > latestSchemaVersion())
        return makeError(ErrorCode::BadInput, "library " + path + " was written by a newer Shoal (schema " +
                                                  std::to_string(version) + ", this build knows " +
                                                  std::to_string(latestSchemaVersion()) + ")");
    if (!db.exec("PRAGMA journal_mode = WAL") || !db.exec("PRAGMA synchronous = NORMAL") ||
        !db.exec("PRAGMA foreign_keys = ON"))
        return makeError(ErrorCode::Io, "cannot configure library " + path + ": " + db.lastError());
    return migrateTo(db, latestSchemaVersion());
}

}  // namespace shoal::store
