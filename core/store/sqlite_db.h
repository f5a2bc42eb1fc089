// A thin RAII layer over SQLite's C API: a connection and prepared statements, errors as one-line text.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "shoal/types.h"

namespace shoal::store {

class Statement {
public:
    Statement(sqlite3* db, const char* sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool valid() const { return stmt_ != nullptr; }
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, double value);
    Statement& bind(int index, const std::string& value);
    Statement& bind(int index, const std::vector<char>& blob);  // empty -> NULL
    Statement& bindNull(int index);
    template <class T>
    Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bindNull(index);
    }

    bool step();     // true while a row is available
    bool execute();  // runs to completion; false on error
    void reset();

    bool isNull(int column) const;
    std::int64_t integer(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::vector<char> blob(int column) const;

private:
    sqlite3_stmt* stmt_ = nullptr;
    int lastCode_ = SQLITE_OK;
};

class Database {
public:
    static Result<Database> open(const std::string& path, bool readOnly);
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    ~Database();

    sqlite3* handle() const { return db_; }
    bool exec(const std::string& sql);  // false on error; see lastError()
    std::string lastError() const;
    std::int64_t pragmaInt(const char* name);
    // Prepared once per connection and reused (execute() resets it and clears its bindings): the
    // writer runs the same few statements thousands of times, and parsing each again cost more than
    // running it. Not for statements read with step(): those are reset by their user.
    Statement& prepared(const char* sql);

private:
    explicit Database(sqlite3* db) : db_(db) {}
    void close();
    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, std::unique_ptr<Statement>> prepared_;
};

}  // namespace shoal::store
