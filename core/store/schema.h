// Recognizing a Shoal library and bringing its schema up to date.
#pragma once

#include "store/sqlite_db.h"

namespace shoal::store {

// 'SHOL': marks the file as a Shoal library, so another program's database is never taken for one.
inline constexpr std::int64_t kApplicationId = 0x53484F4C;

// Refuses a file that is not a Shoal library or is newer than this build; applies pending migrations,
// each in its own transaction with its user_version.
Result<void> prepareSchema(Database& db, const std::string& path);

// Applies migrations 1..version only (tests build old libraries with it).
Result<void> migrateTo(Database& db, int version);

}  // namespace shoal::store
