// Reading a shoal profile's library (shoal.db) from outside, read-only, as a crash test's witness: SQLite's
// own integrity check, and the resume data that a restart will load.
#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <libtorrent/add_torrent_params.hpp>
#include <libtorrent/read_resume_data.hpp>
#include <optional>
#include <string>
#include <vector>

namespace shoal::test {

// The first column of the first row of `sql`, read-only: text, or bytes for a blob; nullopt if there is no
// row. `error` gets what went wrong, if anything.
inline std::optional<std::vector<char>> queryValue(const std::filesystem::path& db, const std::string& sql,
                                                   std::string* error = nullptr) {
    sqlite3* handle = nullptr;
    std::optional<std::vector<char>> result;
    if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        if (error) *error = std::string("open failed: ") + sqlite3_errmsg(handle);
        sqlite3_close(handle);
        return result;
    }
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
        if (error) *error = std::string("prepare failed: ") + sqlite3_errmsg(handle);
    } else if (sqlite3_step(stmt) == SQLITE_ROW) {
        const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt, 0));
        const int size = sqlite3_column_bytes(stmt, 0);
        result = data ? std::vector<char>(data, data + size) : std::vector<char>();
    }
    sqlite3_finalize(stmt);
    sqlite3_close(handle);
    return result;
}

// One text value, or a description of why there is none ("no row", "open failed: ...").
inline std::string queryText(const std::filesystem::path& db, const std::string& sql) {
    std::string error;
    const auto value = queryValue(db, sql, &error);
    if (!error.empty()) return error;
    return value ? std::string(value->begin(), value->end()) : "no row";
}

// Pieces the library's resume data says the torrent has (its only torrent; -1 if none or unreadable).
inline int savedPieces(const std::filesystem::path& db) {
    const auto blob = queryValue(db, "SELECT data FROM resume_data ORDER BY torrent_id LIMIT 1");
    if (!blob || blob->empty()) return -1;
    lt::error_code ec;
    const lt::add_torrent_params params = lt::read_resume_data(*blob, ec);
    if (ec) return -1;
    return params.have_pieces.count();
}

}  // namespace shoal::test
