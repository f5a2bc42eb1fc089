// RAII connection and statements over SQLite's C API.
#include "store/sqlite_db.h"

#include <utility>

namespace shoal::store {

Statement::Statement(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) stmt_ = nullptr;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
}

Statement& Statement::bind(int index, double value) {
    sqlite3_bind_double(stmt_, index, value);
    return *this;
}

Statement& Statement::bind(int index, const std::string& value) {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind(int index, const std::vector<char>& blob) {
    if (blob.empty()) return bindNull(index);
    sqlite3_bind_blob(stmt_, index, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bindNull(int index) {
    sqlite3_bind_null(stmt_, index);
    return *this;
}

bool Statement::step() {
    if (!stmt_) return false;
    lastCode_ = sqlite3_step(stmt_);
    return lastCode_ == SQLITE_ROW;
}

bool Statement::execute() {
    if (!stmt_) return false;
    while ((lastCode_ = sqlite3_step(stmt_)) == SQLITE_ROW) {
    }
    const bool ok = lastCode_ == SQLITE_DONE;
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    return ok;
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool Statement::isNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::text(int column) const {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return data ? std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
                : std::string();
}

std::vector<char> Statement::blob(int column) const {
    const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
    if (!data) return {};
    return std::vector<char>(data, data + sqlite3_column_bytes(stmt_, column));
}

Result<Database> Database::open(const std::string& path, bool readOnly) {
    sqlite3* db = nullptr;
    const int flags =
        (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
        std::string message = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        return makeError(ErrorCode::Io, "cannot open library " + path + ": " + message);
    }
    sqlite3_busy_timeout(db, 5000);
    return Database(db);
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), prepared_(std::move(other.prepared_)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        close();
        db_ = std::exchange(other.db_, nullptr);
        prepared_ = std::move(other.prepared_);
    }
    return *this;
}

Database::~Database() { close(); }

// SQLite closes a connection only once its statements are finalized.
void Database::close() {
    prepared_.clear();
    sqlite3_close(db_);
    db_ = nullptr;
}

Statement& Database::prepared(const char* sql) {
    auto& slot = prepared_[sql];
    if (!slot || !slot->valid()) slot = std::make_unique<Statement>(db_, sql);
    return *slot;
}

bool Database::exec(const std::string& sql) {
    return sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
}

std::string Database::lastError() const { return db_ ? sqlite3_errmsg(db_) : "no database"; }

std::int64_t Database::pragmaInt(const char* name) {
    Statement stmt(db_, (std::string("PRAGMA ") + name).c_str());
    return stmt.step() ? stmt.integer(0) : -1;
}

}  // namespace shoal::store
