// JSON-RPC 2.0 (Transmission 4.1) spells every key and method in snake_case; the legacy protocol mixes
// kebab-case and camelCase. Methods work in legacy spelling; these convert at the edge.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace shoal::rpc {

std::string toSnakeCase(
    const std::string& legacy);  // "hashString" -> "hash_string", "peer-limit" -> "peer_limit"
std::string toLegacyName(const std::string& snake);    // the known legacy key, or the name unchanged
std::string toLegacyMethod(const std::string& snake);  // "torrent_get" -> "torrent-get"

// Request arguments from snake_case to legacy keys (and the names inside "fields", "ids"); responses the
// other way. shoal-* objects (Shoal's own snapshots and settings) are left as they are inside.
nlohmann::json argumentsToLegacy(const nlohmann::json& params);
nlohmann::json resultToSnake(const nlohmann::json& result);

}  // namespace shoal::rpc
