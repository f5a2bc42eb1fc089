// Shoal's own snapshots as JSON, for the `shoal-status` / `shoal-details` / `shoal-totals` extensions:
// what lets RemoteSession rebuild exactly the values a LocalSession would give.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "shoal/status.h"

namespace shoal::rpc {

std::optional<TorrentState> stateFromString(const std::string& name);

nlohmann::json toJson(const TorrentStatus& status);
TorrentStatus statusFromJson(const nlohmann::json& json);  // missing keys keep defaults; throws on bad types

nlohmann::json toJson(const TorrentDetails& details);  // status included under "status"
TorrentDetails detailsFromJson(const nlohmann::json& json);

nlohmann::json toJson(const SessionTotals& totals);
SessionTotals totalsFromJson(const nlohmann::json& json);

}  // namespace shoal::rpc
