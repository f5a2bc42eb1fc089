// torrent-get's fields: each Transmission field (and each shoal-* extension) computed from a status
// snapshot, plus the details (files, peers, trackers, pieces) for the fields that need them.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "shoal/status.h"

namespace shoal::rpc {

// Every field name torrent-get knows (legacy spelling), in a stable order.
const std::vector<std::string>& knownTorrentFields();
bool fieldNeedsDetails(const std::string& field);
// nullopt: an unknown field (left out of the answer, as Transmission does). `details` may be null only
// when no requested field needs it.
std::optional<nlohmann::json> torrentField(const std::string& field, const TorrentStatus& status,
                                           const TorrentDetails* details);

// Transmission's status numbers: 0 stopped, 1 check queued, 2 checking, 3 download queued, 4 downloading,
// 5 seed queued, 6 seeding.
int transmissionStatus(const TorrentStatus& status);
// Transmission's file priority: -1 low, 0 normal, 1 high.
int transmissionPriority(FilePriority priority);

}  // namespace shoal::rpc
