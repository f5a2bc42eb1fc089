// JSON in and out of the RPC, safe for hostile text: parsing refuses nesting deeper than a fixed limit
// before anything recursive touches the value (copies, dumps and the method table all recurse), and every
// dump replaces invalid UTF-8 (names and paths from torrents are bytes) instead of throwing.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "shoal/settings.h"
#include "shoal/types.h"

namespace shoal::rpc {

// Far above anything the RPC speaks (torrent-get's deepest answer is 4 levels) and far below what
// overflows a thread's stack (~50,000 levels of recursive copies on 8 MiB).
inline constexpr int kMaxJsonDepth = 128;

// The deepest nesting of arrays and objects in `text`, counted without recursion and without parsing
// (brackets inside strings do not count). Stops counting once `limit` is passed.
int jsonNestingDepth(std::string_view text, int limit = kMaxJsonDepth);

// Parses `text` as JSON: an error (BadInput) for nesting deeper than kMaxJsonDepth and for text that is
// not JSON, with a one-line reason.
Result<nlohmann::json> parseJsonBounded(std::string_view text);

// dump() with invalid UTF-8 replaced by U+FFFD: never throws on bytes from outside.
std::string dumpJson(const nlohmann::json& value);

// The settings as a JSON value for an answer. settingsToJson's own dump throws on text that is not UTF-8
// (a save path is bytes from the user's file system); here such text shows with U+FFFD instead.
nlohmann::json settingsForAnswer(const Settings& settings);

}  // namespace shoal::rpc
