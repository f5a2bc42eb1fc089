// Schema migrations: numbered .sql files in store/migrations/, embedded at build time and applied in
// order; PRAGMA user_version holds the number of the last one applied.
#pragma once

#include <string>
#include <vector>

namespace shoal::store {

struct Migration {
    int version;       // the file's number: 1, 2, ...
    const char* name;  // the file's name
    const char* sql;
};

const std::vector<Migration>& embeddedMigrations();

}  // namespace shoal::store
